// TIME: [unix seconds, microseconds]
import type { CommandHandler } from '../types.js';

export const timeCommand: CommandHandler = (c) => {
  const us = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000));
  c.reply.arrayHeader(2);
  c.reply.bulk((us / 1000000n).toString());
  c.reply.bulk((us % 1000000n).toString());
};
