// Small things only the browser knows or keeps.

// Remembers the light/dark choice for a year; the server reads the cookie so the first paint is right.
export function rememberTheme(name, mode) {
    document.cookie = `${name}=${mode}; path=/; max-age=31536000; samesite=lax`;
}

// Remembers a choice for the browser session (no expiry: the cookie goes when the browser closes).
export function rememberForSession(name, value) {
    document.cookie = `${name}=${encodeURIComponent(value)}; path=/; samesite=lax`;
}

// The IANA time zone the browser is set to, e.g. "Europe/Berlin".
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
}
