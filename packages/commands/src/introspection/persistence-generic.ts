// The honest answer of SAVE, BGSAVE and BGREWRITEAOF until persistence (RDB/AOF) is implemented.
export const NO_PERSISTENCE = 'ERR Persistence is not implemented in this Redwing version: nothing was saved';
