"use client";

import { useId, useMemo, useState } from "react";
import type { ApiError } from "@/lib/client/api-client";
import {
  checkNetworkForm,
  emptyPair,
  emptySubnetRow,
  initialNetworkForm,
  optionFieldsOf,
  slotOfProblem,
  type NetworkForm,
  type OptionField,
  type Pair,
  type SubnetRow,
} from "@/lib/manage/network-form";
import { createNetwork } from "@/lib/client/network-requests";
import { hostFor, networksVisibleOn } from "@/lib/topology/engine-target";
import type { SpecProblem } from "@/lib/topology/network-spec";
import type { EngineEntry, Network, Topology } from "@/lib/topology/types";
import { useDrivers, type DriverInfo } from "@/lib/client/use-drivers";
import { useEngineHosts } from "@/lib/client/use-engine-hosts";
import { CommandText, CopyButton } from "./copy-command";
import { Button, Dialog, ErrorMessage } from "./dialog";
import {
  Checkbox,
  Field,
  LinkButton,
  Problems,
  SectionTitle,
  Select,
  TextInput,
} from "./manage/form-ui";

type Props = {
  /** The engines' networks now, for overlap and name checks, and the engines to choose from. */
  topology: Topology;
  /** The engine chosen at first, when there are several (e.g. that of the selection). */
  initialEngineId?: string | null;
  onClose(): void;
  onCreated(network: Network): void;
};

/** Used while GET /api/drivers has not answered (or failed): Docker's own local drivers. */
const FALLBACK_DRIVERS: DriverInfo[] = ["bridge", "macvlan", "ipvlan", "overlay"].map((name) => ({
  name,
  kind: "builtin",
  scope: name === "overlay" ? "swarm" : "local",
  available: true,
}));

function PairRows({
  pairs,
  onChange,
  keyLabel,
  valueLabel,
  keyPlaceholder,
  valuePlaceholder,
  testId,
  mono = true,
}: {
  pairs: Pair[];
  onChange(pairs: Pair[]): void;
  keyLabel: string;
  valueLabel: string;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  testId: string;
  mono?: boolean;
}) {
  const set = (id: number, patch: Partial<Pair>) =>
    onChange(pairs.map((p) => (p.id === id ? { ...p, ...patch } : p)));
  return (
    <div className="space-y-1.5">
      {pairs.map((pair, i) => (
        <div key={pair.id} className="flex items-center gap-1.5">
          <TextInput
            aria-label={`${keyLabel} ${i + 1}`}
            data-testid={`${testId}-key-${i}`}
            value={pair.key}
            placeholder={keyPlaceholder}
            mono={mono}
            onChange={(e) => set(pair.id, { key: e.target.value })}
          />
          <span className="text-slate-500">=</span>
          <TextInput
            aria-label={`${valueLabel} ${i + 1}`}
            data-testid={`${testId}-value-${i}`}
            value={pair.value}
            placeholder={valuePlaceholder}
            mono={mono}
            onChange={(e) => set(pair.id, { value: e.target.value })}
          />
          <LinkButton
            aria-label={`Remove ${keyLabel} ${i + 1}`}
            title="Remove"
            onClick={() => onChange(pairs.filter((p) => p.id !== pair.id))}
          >
            ✕
          </LinkButton>
        </div>
      ))}
    </div>
  );
}

function OptionInput({
  field,
  value,
  onChange,
  problems,
}: {
  field: OptionField;
  value: string;
  onChange(value: string): void;
  problems: SpecProblem[];
}) {
  const id = useId();
  const invalid = problems.length > 0;
  if (field.kind === "flag") {
    return (
      <div className="sm:col-span-2">
        <Checkbox
          data-testid={field.testId}
          checked={value === "true"}
          onChange={(e) => onChange(e.target.checked ? "true" : "")}
          label={field.label}
          hint={
            <>
              <code className="font-mono">--opt {field.key}</code>
              {field.hint ? ` · ${field.hint}` : ""}
            </>
          }
        />
        <Problems problems={problems} />
      </div>
    );
  }
  return (
    <Field
      label={field.label}
      htmlFor={id}
      hint={
        <>
          <code className="font-mono">{field.key}</code>
          {field.hint ? ` · ${field.hint}` : ""}
        </>
      }
      problems={problems}
    >
      {field.kind === "choice" ? (
        <Select
          id={id}
          data-testid={field.testId}
          value={value}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">driver default</option>
          {(field.values ?? []).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </Select>
      ) : (
        <TextInput
          id={id}
          data-testid={field.testId}
          mono
          value={value}
          placeholder={field.placeholder}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

function CommandBox({ command }: { command: string }) {
  return (
    <div>
      <SectionTitle action={<CopyButton text={command} testId="copy-command" />}>
        Equivalent command
      </SectionTitle>
      <CommandText command={command} testId="docker-command" className="max-h-32" />
    </div>
  );
}

function engineLabel(e: EngineEntry): string {
  const role = e.swarm ? ` · swarm ${e.swarm.role}` : "";
  return `${e.id}${e.hostname && e.hostname !== e.id ? ` (${e.hostname})` : ""}${role}${
    e.status === "down" ? " — down" : ""
  }`;
}

/** `docker network create` as a form: every field checked as it is typed, the command shown. */
export function CreateNetworkDialog({ topology, initialEngineId, onClose, onCreated }: Props) {
  // One engine: no choice to make, nothing sent — the form is exactly what it always was.
  const several = topology.engines.length > 1;
  const [form, setForm] = useState<NetworkForm>(() =>
    initialNetworkForm(several ? (initialEngineId ?? topology.engines[0]?.id ?? "") : ""),
  );
  const [nameTouched, setNameTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const drivers = useDrivers(true, form.engineId || undefined);
  const hosts = useEngineHosts(several);
  const ids = { name: useId(), driver: useId(), ipam: useId(), engine: useId() };

  const existing = useMemo(
    () => (form.engineId ? networksVisibleOn(topology, form.engineId) : topology.networks),
    [topology, form.engineId],
  );
  const host = hostFor(form.engineId, hosts);
  const check = useMemo(() => checkNetworkForm(form, existing, host), [form, existing, host]);
  const driverList = drivers.data?.drivers ?? FALLBACK_DRIVERS;
  const knownDriver = driverList.some((d) => d.name === form.driver);
  const selectedDriver = driverList.find((d) => d.name === form.driver);
  const problems = useMemo(
    () =>
      // Chosen while available on another engine (overlay, then a worker picked): say why not here.
      selectedDriver && !selectedDriver.available
        ? [
            {
              field: "driver",
              message: selectedDriver.note ?? `${selectedDriver.name} is unavailable here`,
              kind: "conflict" as const,
            },
            ...check.problems,
          ]
        : check.problems,
    [selectedDriver, check],
  );
  const slots = useMemo(() => {
    const map = new Map<string, SpecProblem[]>();
    for (const problem of problems) {
      // "is required" before the person has typed a name is not news.
      if (problem.field === "name" && !nameTouched && form.name === "") continue;
      const slot = slotOfProblem(problem.field, check.rowOfConfig, form.driver);
      map.set(slot, [...(map.get(slot) ?? []), problem]);
    }
    return map;
  }, [problems, check.rowOfConfig, nameTouched, form.name, form.driver]);
  const at = (slot: string) => slots.get(slot) ?? [];

  const update = (patch: Partial<NetworkForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setServerError(null);
  };
  const updateRow = (id: number, patch: Partial<SubnetRow>) =>
    update({ subnets: form.subnets.map((r) => (r.id === id ? { ...r, ...patch } : r)) });

  const optionFields = optionFieldsOf(form.driver);

  const submit = async () => {
    if (problems.length > 0 || busy) return;
    setBusy(true);
    setServerError(null);
    try {
      onCreated(await createNetwork(check.spec));
    } catch (error) {
      setServerError((error as ApiError).message);
      setBusy(false);
    }
  };

  // Every problem is shown once, in its field's place; any without a place goes at the bottom.
  const shownSlots = new Set([
    "name",
    "driver",
    "ipamDriver",
    "subnets",
    "flags",
    "options",
    "labels",
    ...form.subnets.flatMap((_r, i) =>
      ["subnet", "gateway", "ipRange", "aux"].map((p) => `row:${i}:${p}`),
    ),
    ...optionFields.map((f) => `opt:${f.key}`),
  ]);
  const unplaced = [...slots.entries()]
    .filter(([slot]) => !shownSlots.has(slot))
    .flatMap(([, problems]) => problems);
  const blocked = problems.length > 0;

  return (
    <Dialog
      testId="create-network-dialog"
      title="New network"
      description="docker network create — checked as you type against the networks the engine has."
      onClose={onClose}
      busy={busy}
      width="w-[min(46rem,calc(100vw-2rem))]"
      footer={
        <>
          {serverError && (
            <div className="mr-auto w-full">
              <ErrorMessage message={serverError} />
            </div>
          )}
          {blocked && (
            <span className="mr-auto text-xs text-slate-400" data-testid="problem-count">
              {problems.length === 1 ? "1 problem" : `${problems.length} problems`} to fix before
              creating
            </span>
          )}
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            tone="primary"
            data-testid="create-network-submit"
            disabled={blocked || busy}
            onClick={() => void submit()}
          >
            {busy ? "Creating…" : "Create network"}
          </Button>
        </>
      }
    >
      <form
        className="space-y-5"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {several && (
          <Field
            label="Engine"
            htmlFor={ids.engine}
            hint="Where the network is created; names and subnets are checked against this engine's networks and the swarm's."
          >
            <Select
              id={ids.engine}
              data-testid="create-engine"
              value={form.engineId}
              onChange={(e) => update({ engineId: e.target.value })}
            >
              {topology.engines.map((e) => (
                <option key={e.id} value={e.id}>
                  {engineLabel(e)}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Name" htmlFor={ids.name} problems={at("name")}>
            <TextInput
              id={ids.name}
              data-testid="net-name"
              data-autofocus
              value={form.name}
              placeholder="my-net"
              aria-invalid={at("name").length > 0}
              onChange={(e) => {
                setNameTouched(true);
                update({ name: e.target.value });
              }}
            />
          </Field>
          <Field
            label="Driver"
            htmlFor={ids.driver}
            problems={at("driver")}
            hint={
              drivers.error
                ? `Could not list the engine's drivers (${drivers.error.message}); showing Docker's built-in ones.`
                : selectedDriver?.available === false
                  ? undefined // its note is the problem shown below
                  : several && form.driver === "overlay"
                    ? "Created on a manager; spans the swarm: containers on every node can join (tick Attachable for standalone ones)."
                    : selectedDriver?.note
            }
          >
            <Select
              id={ids.driver}
              data-testid="net-driver"
              value={form.driver}
              onChange={(e) => update({ driver: e.target.value })}
            >
              {driverList.map((d) => (
                <option key={d.name} value={d.name} disabled={!d.available}>
                  {d.name}
                  {d.kind === "plugin" ? " (plugin)" : ""}
                  {!d.available ? ` — ${d.note ?? "unavailable"}` : ""}
                </option>
              ))}
              {!knownDriver && <option value={form.driver}>{form.driver}</option>}
            </Select>
          </Field>
        </div>

        <section>
          <SectionTitle
            action={
              <LinkButton
                data-testid="add-subnet"
                onClick={() => update({ subnets: [...form.subnets, emptySubnetRow()] })}
              >
                + Add subnet
              </LinkButton>
            }
          >
            IP address management
          </SectionTitle>
          <div className="mb-3 grid gap-3 sm:grid-cols-2">
            <Field
              label="IPAM driver"
              htmlFor={ids.ipam}
              problems={at("ipamDriver")}
              hint="default: Docker's built-in address allocator"
            >
              <TextInput
                id={ids.ipam}
                data-testid="net-ipam-driver"
                mono
                value={form.ipamDriver}
                onChange={(e) => update({ ipamDriver: e.target.value })}
              />
            </Field>
            <p className="self-end text-[11px] text-slate-500">
              Leave the subnet empty and Docker picks a free one from its address pools.
            </p>
          </div>
          <Problems problems={at("subnets")} />
          <ol className="mt-2 space-y-2">
            {form.subnets.map((row, i) => (
              <li
                key={row.id}
                data-testid={`subnet-row-${i}`}
                className="rounded-md bg-slate-800/40 p-2.5 ring-1 ring-slate-800"
              >
                <div className="grid gap-2 sm:grid-cols-[1.2fr_1fr_1.2fr_auto]">
                  <Field label={`Subnet ${i + 1}`} problems={at(`row:${i}:subnet`)}>
                    <TextInput
                      aria-label={`Subnet ${i + 1}`}
                      data-testid={`subnet-${i}`}
                      mono
                      value={row.subnet}
                      placeholder={i === 0 ? "10.1.0.0/24" : "fd00:1::/64"}
                      aria-invalid={at(`row:${i}:subnet`).length > 0}
                      onChange={(e) => updateRow(row.id, { subnet: e.target.value })}
                    />
                  </Field>
                  <Field label="Gateway" problems={at(`row:${i}:gateway`)}>
                    <TextInput
                      aria-label={`Gateway ${i + 1}`}
                      data-testid={`gateway-${i}`}
                      mono
                      value={row.gateway}
                      placeholder="first address"
                      aria-invalid={at(`row:${i}:gateway`).length > 0}
                      onChange={(e) => updateRow(row.id, { gateway: e.target.value })}
                    />
                  </Field>
                  <Field label="IP range" problems={at(`row:${i}:ipRange`)}>
                    <TextInput
                      aria-label={`IP range ${i + 1}`}
                      data-testid={`iprange-${i}`}
                      mono
                      value={row.ipRange}
                      placeholder="whole subnet"
                      aria-invalid={at(`row:${i}:ipRange`).length > 0}
                      onChange={(e) => updateRow(row.id, { ipRange: e.target.value })}
                    />
                  </Field>
                  <div className="flex items-start sm:pt-6">
                    <LinkButton
                      data-testid={`remove-subnet-${i}`}
                      aria-label={`Remove subnet ${i + 1}`}
                      title="Remove this subnet"
                      onClick={() =>
                        update({ subnets: form.subnets.filter((r) => r.id !== row.id) })
                      }
                    >
                      ✕
                    </LinkButton>
                  </div>
                </div>
                <div className="mt-2">
                  {row.aux.length > 0 && (
                    <p className="mb-1 text-[11px] text-slate-500">
                      Aux addresses: kept out of the pool Docker assigns from
                    </p>
                  )}
                  <PairRows
                    pairs={row.aux}
                    onChange={(aux) => updateRow(row.id, { aux })}
                    keyLabel="Aux host"
                    valueLabel="Aux address"
                    keyPlaceholder="host"
                    valuePlaceholder="10.1.0.5"
                    testId={`aux-${i}`}
                  />
                  <Problems problems={at(`row:${i}:aux`)} />
                  <LinkButton
                    data-testid={`add-aux-${i}`}
                    className="mt-1"
                    onClick={() => updateRow(row.id, { aux: [...row.aux, emptyPair()] })}
                  >
                    + Aux address
                  </LinkButton>
                </div>
              </li>
            ))}
          </ol>
        </section>

        <section>
          <SectionTitle>Behaviour</SectionTitle>
          <div className="grid gap-2 sm:grid-cols-3">
            <Checkbox
              data-testid="net-internal"
              checked={form.internal}
              onChange={(e) => update({ internal: e.target.checked })}
              label="Internal"
              hint="no route to the outside"
            />
            <Checkbox
              data-testid="net-attachable"
              checked={form.attachable}
              onChange={(e) => update({ attachable: e.target.checked })}
              label="Attachable"
              hint="standalone containers may join (overlay)"
            />
            <Checkbox
              data-testid="net-ipv6"
              checked={form.ipv6}
              onChange={(e) => update({ ipv6: e.target.checked })}
              label="IPv6"
              hint="needs an IPv6 subnet"
            />
          </div>
          <Problems problems={at("flags")} />
        </section>

        <section>
          <SectionTitle
            action={
              <LinkButton
                data-testid="add-option"
                onClick={() => update({ extraOptions: [...form.extraOptions, emptyPair()] })}
              >
                + Option
              </LinkButton>
            }
          >
            Driver options{optionFields.length > 0 ? ` · ${form.driver}` : ""}
          </SectionTitle>
          {optionFields.length > 0 && (
            <div className="mb-2 grid gap-3 sm:grid-cols-2">
              {optionFields.map((field) => (
                <OptionInput
                  key={field.key}
                  field={field}
                  value={form.driverOptions[field.key] ?? ""}
                  problems={at(`opt:${field.key}`)}
                  onChange={(value) =>
                    update({ driverOptions: { ...form.driverOptions, [field.key]: value } })
                  }
                />
              ))}
            </div>
          )}
          {optionFields.length === 0 && form.extraOptions.length === 0 && (
            <p className="text-xs text-slate-500">None: the driver&apos;s defaults.</p>
          )}
          <PairRows
            pairs={form.extraOptions}
            onChange={(extraOptions) => update({ extraOptions })}
            keyLabel="Option"
            valueLabel="Option value"
            keyPlaceholder="com.example.option"
            valuePlaceholder="value"
            testId="opt"
          />
          <Problems problems={at("options")} />
        </section>

        <section>
          <SectionTitle
            action={
              <LinkButton
                data-testid="add-label"
                onClick={() => update({ labels: [...form.labels, emptyPair()] })}
              >
                + Label
              </LinkButton>
            }
          >
            Labels
          </SectionTitle>
          {form.labels.length === 0 && <p className="text-xs text-slate-500">None.</p>}
          <PairRows
            pairs={form.labels}
            onChange={(labels) => update({ labels })}
            keyLabel="Label"
            valueLabel="Label value"
            keyPlaceholder="com.example.team"
            valuePlaceholder="value"
            testId="label"
          />
          <Problems problems={at("labels")} />
        </section>

        <Problems problems={[...at("general"), ...unplaced]} />
        <CommandBox command={check.command} />
        {/* Enter in a field submits, as in any form; the visible button is in the footer. */}
        <button type="submit" hidden disabled={blocked || busy} tabIndex={-1} />
      </form>
    </Dialog>
  );
}
