// Shared CLIENT helpers: name validation (CLIENT SETNAME, HELLO SETNAME).

/** Client names: printable ASCII without spaces (Redis: chars '!'..'~'). */
export function validClientName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch < 33 || ch > 126) return false;
  }
  return true;
}
