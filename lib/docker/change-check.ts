import "server-only";
import { disconnectContainer } from "./networks";
import { EngineRequestError } from "./errors";

// Whether an engine accepts changes at all, asked without changing anything: disconnect a
// container that does not exist from a network that does not exist. The engine answers 404; a
// socket proxy that allows no changes (or an authorization plugin) answers 403 in its own words.

const NOBODY = "netlens-change-check-0000000000000000";

/** The refusal's message when `engineId` refuses every change; null when it did not (or no answer). */
export async function changeRefusal(engineId: string): Promise<string | null> {
  try {
    await disconnectContainer(NOBODY, NOBODY, false, engineId);
    return null;
  } catch (err) {
    return err instanceof EngineRequestError && err.statusCode === 403 ? err.message : null;
  }
}
