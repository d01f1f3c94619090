// BITFIELD_RO key [GET type offset ...]: the read-only form of BITFIELD (any write subcommand is an error).
import type { CommandHandler } from '../types.js';
import { bitfieldGeneric } from './bitfield.js';

export const bitfieldRoCommand: CommandHandler = (c, e) => {
  bitfieldGeneric(c, e, true);
};
