// The live feed rebuilds the whole model on every event; what an event did not touch is the same
// Engine object as before, so its model object is reused — and a diff (lib/topology/patch.ts)
// need not encode it again. Keyed weakly: a re-read or removed object drops out by itself.

export type ModelMemo<I extends object, O> = WeakMap<I, { key: string; model: O }>;

export function createModelMemo<I extends object, O>(): ModelMemo<I, O> {
  return new WeakMap();
}

/** The model made from `input` last time, while `key` (what else it depends on) is the same. */
export function memo<I extends object, O>(
  cache: ModelMemo<I, O>,
  input: I,
  key: string,
  make: () => O,
): O {
  const hit = cache.get(input);
  if (hit?.key === key) return hit.model;
  const model = make();
  cache.set(input, { key, model });
  return model;
}
