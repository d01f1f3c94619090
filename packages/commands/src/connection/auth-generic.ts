// Password checks shared by AUTH and HELLO ... AUTH. Only the `default` user exists until ACL lands: its
// password is `requirepass` (no password = "nopass": any password is accepted).
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';

export function checkPassword(e: Engine, user: string, pass: string): boolean {
  if (user !== 'default') return false;
  const required = e.config.getString('requirepass');
  return required === '' || required === pass;
}

/** Authenticate or not; returns whether it succeeded (the caller replies). */
export function authenticate(c: Client, e: Engine, user: string, pass: string): boolean {
  if (!checkPassword(e, user, pass)) return false;
  c.authenticated = true;
  c.user = user;
  return true;
}
