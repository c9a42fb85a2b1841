// Light or dark: the person's choice, remembered in this browser, or the system's. The page's
// colours follow `data-theme` on <html> (app/globals.css).

export type ThemeChoice = "system" | "light" | "dark";

const STORAGE_KEY = "netlens.theme";
/** Raised on this page when the choice changes; other tabs hear the storage event. */
const CHANGE_EVENT = "netlens-theme";
const NEXT: Record<ThemeChoice, ThemeChoice> = { system: "light", light: "dark", dark: "system" };

/**
 * Run inline in <head> before anything is painted (app/layout.tsx), so a light page never
 * flashes dark. It also follows the system while no choice is stored, and other tabs' choices.
 */
export const THEME_SCRIPT = `(function () {
  var media = matchMedia("(prefers-color-scheme: light)");
  function apply() {
    var choice = null;
    try { choice = localStorage.getItem(${JSON.stringify(STORAGE_KEY)}); } catch (e) {}
    document.documentElement.dataset.theme =
      choice === "light" || choice === "dark" ? choice : media.matches ? "light" : "dark";
  }
  apply();
  media.addEventListener("change", apply);
  addEventListener("storage", apply);
})();`;

export function readThemeChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    // Storage can be refused (privacy settings): the system's theme then.
    return "system";
  }
}

export function nextThemeChoice(choice: ThemeChoice): ThemeChoice {
  return NEXT[choice];
}

export function setThemeChoice(choice: ThemeChoice) {
  try {
    if (choice === "system") localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not remembered, but still applied to this page.
  }
  const light =
    choice === "system" ? matchMedia("(prefers-color-scheme: light)").matches : choice === "light";
  document.documentElement.dataset.theme = light ? "light" : "dark";
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

export function subscribeThemeChoice(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}
