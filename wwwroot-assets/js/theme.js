// Remembers the light/dark choice for a year; the server reads the cookie so the first paint is right.
export function remember(name, mode) {
    document.cookie = `${name}=${mode}; path=/; max-age=31536000; samesite=lax`;
}
