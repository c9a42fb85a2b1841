"use client";

// A docker command shown as text a person can copy: the create dialog's equivalent command, a
// reachability fix, an advice's remedy.
import { useState } from "react";
import { LinkButton } from "./manage/form-ui";

/** A Copy button for `text`; without a clipboard it asks to select and copy instead. */
export function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("yes");
    } catch {
      // No clipboard (an insecure origin, or permission denied): the text stays selectable.
      setCopied("failed");
    }
    setTimeout(() => setCopied(null), 1500);
  };
  return (
    <LinkButton data-testid={testId} onClick={() => void copy()}>
      {copied === "yes" ? "Copied" : copied === "failed" ? "Select and copy" : "Copy"}
    </LinkButton>
  );
}

/** The command itself, selectable in one click. */
export function CommandText({
  command,
  testId,
  className = "",
}: {
  command: string;
  testId?: string;
  className?: string;
}) {
  return (
    <pre
      data-testid={testId}
      className={`overflow-auto rounded bg-slate-950 p-2 font-mono text-[11.5px] leading-relaxed break-all whitespace-pre-wrap text-emerald-200 ring-1 ring-slate-800 select-all ${className}`}
    >
      {command}
    </pre>
  );
}

/** A command with its Copy button on the line above it. */
export function CopyableCommand({
  command,
  label,
  testId,
}: {
  command: string;
  label: string;
  testId: string;
}) {
  return (
    <div>
      <div className="flex items-center justify-between gap-2">
        <span className="text-[11px] text-slate-500">{label}</span>
        <CopyButton text={command} testId={`${testId}-copy`} />
      </div>
      <CommandText command={command} testId={testId} className="mt-0.5" />
    </div>
  );
}
