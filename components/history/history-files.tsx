"use client";

// History as a file: export a time window (snapshot + changes) to attach to an incident report,
// and open such a file in this browser, read-only (it is checked first and never sent anywhere).
import { useImperativeHandle, useRef, useState, type Ref } from "react";
import { fetchHistoryExport } from "@/lib/client/history-requests";
import { download } from "@/lib/client/map-export";
import type { ImportedHistory } from "@/lib/client/use-history-view";
import { fromLocalInput, toLocalInput } from "@/lib/graph/history-timeline";
import { exportFileName, parseHistoryExport } from "@/lib/history/export-file";
import { Button, Dialog, ErrorMessage } from "../dialog";

export type HistoryFileActions = { openExport(): void; openImport(): void };

/** The default window: the last hour, or all there is if that is less. */
const DEFAULT_WINDOW_MS = 3_600_000;

type Props = {
  /** How far back history goes (epoch ms), to start the default window there at the earliest. */
  oldest: number | null;
  onImported(imported: ImportedHistory): void;
  ref?: Ref<HistoryFileActions>;
};

export function HistoryFiles({ oldest, onImported, ref }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [exporting, setExporting] = useState(false);
  const [importError, setImportError] = useState<{ name: string; message: string } | null>(null);

  useImperativeHandle(ref, () => ({
    openExport: () => setExporting(true),
    openImport: () => inputRef.current?.click(),
  }));

  const read = async (file: File) => {
    const parsed = parseHistoryExport(await file.text());
    if (parsed.ok) {
      setImportError(null);
      onImported({ name: file.name, file: parsed.file });
    } else {
      setImportError({ name: file.name, message: parsed.error });
    }
  };

  return (
    <>
      <input
        ref={inputRef}
        type="file"
        accept=".json,application/json"
        data-testid="history-import-input"
        aria-label="Import history file"
        className="hidden"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // The same file chosen again must still be read.
          event.target.value = "";
          if (file) void read(file);
        }}
      />
      {exporting && <ExportDialog oldest={oldest} onClose={() => setExporting(false)} />}
      {importError && (
        <Dialog
          testId="history-import-failed"
          title={`Cannot open ${importError.name}`}
          description="Nothing was imported or stored."
          onClose={() => setImportError(null)}
          footer={<Button onClick={() => setImportError(null)}>Close</Button>}
        >
          <ErrorMessage message={importError.message} testId="history-import-error" />
        </Dialog>
      )}
    </>
  );
}

function ExportDialog({ oldest, onClose }: { oldest: number | null; onClose(): void }) {
  const [opened] = useState(() => Date.now());
  const [since, setSince] = useState(() =>
    toLocalInput(Math.max(opened - DEFAULT_WINDOW_MS, oldest ?? -Infinity)),
  );
  const [until, setUntil] = useState(() => toLocalInput(opened));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    const from = fromLocalInput(since);
    const to = fromLocalInput(until);
    if (from === null || to === null) {
      setError("Enter both times, e.g. 14:00:00 today.");
      return;
    }
    if (from > to) {
      setError("“Since” must not be after “until”.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // To the end of the second chosen: what happened during it is part of the window.
      const file = await fetchHistoryExport(from, Math.min(to + 999, Date.now()));
      download(
        new Blob([JSON.stringify(file)], { type: "application/json;charset=utf-8" }),
        exportFileName(file),
      );
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const field =
    "mt-1 w-full rounded bg-slate-800 px-2 py-1 text-sm ring-1 ring-slate-700 outline-none focus-visible:ring-2 focus-visible:ring-sky-400";
  return (
    <Dialog
      testId="history-export-dialog"
      title="Export history"
      description="The topology at the start and every change up to the end, as one JSON file."
      onClose={onClose}
      busy={busy}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            tone="primary"
            data-testid="history-export-run"
            disabled={busy}
            onClick={() => void run()}
          >
            {busy ? "Exporting…" : "Download"}
          </Button>
        </>
      }
    >
      <div className="grid grid-cols-2 gap-3">
        <label className="text-xs text-slate-400">
          Since
          <input
            type="datetime-local"
            step={1}
            data-testid="history-export-since"
            data-autofocus
            value={since}
            onChange={(event) => setSince(event.target.value)}
            className={field}
          />
        </label>
        <label className="text-xs text-slate-400">
          Until
          <input
            type="datetime-local"
            step={1}
            data-testid="history-export-until"
            value={until}
            onChange={(event) => setUntil(event.target.value)}
            className={field}
          />
        </label>
      </div>
      {error && (
        <div className="mt-3">
          <ErrorMessage message={error} testId="history-export-error" />
        </div>
      )}
    </Dialog>
  );
}
