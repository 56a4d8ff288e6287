// A small cache of the states recently seen: direct-mapped, small enough to
// stay in the core's L2 cache, and exact (an entry holds a state's words,
// and a state is taken as seen only when every word is equal, so a hash
// collision only costs a lookup, never a state). An entry is laid out as a
// table slot of the store (checker/store.ts): the words and a mark word, or,
// when the layout leaves the top bit of the last word unused, the words with
// that bit set, so twice as many of pinbench's states fit in the same bytes.
//
// Two users:
// - the store's table, in front of its lookups: a successor the cache holds
//   is stored, or is a candidate of the batch being gathered (which is
//   stored, or found stored, before any later candidate). On pinbench about
//   half of all successors hit it.
// - an expander of the parallel search (parallel-worker.ts), as its memory
//   of the successors it recently sent, so that it does not send the same
//   state again. Dropping a repeat changes nothing the search reports: the
//   store gives a state its id at its first occurrence in generation order,
//   and a repeat comes after the copy already sent (10.7 M messages a
//   pinbench search with a mark word, 10.0 M without, in the same 256 KB).

/** The size of the cache in front of a table, and of an expander's sent filter. */
export const RECENT_BYTES = 256 * 1024;

/** Entries of a direct-mapped cache of about `bytes` bytes, `entryWords` words each: a power of two, at least 16. */
function directMappedEntries(bytes: number, entryWords: number): number {
  return 2 ** Math.max(4, Math.floor(Math.log2(bytes / (entryWords * 4))));
}

export interface RecentStates {
  /** Is the packed state `src[at .. at+words)` the one last seen with its slot? Records it when not. */
  readonly seenElseCache: (src: Uint32Array, at: number, hash: number) => boolean;
  readonly bytes: number;
}

/** A cache of about `bytes` bytes for states of `words` packed words (`spareTopBit`: the top bit of the last is never set). */
export function recentStates(words: number, bytes: number, spareTopBit = false): RecentStates {
  const stride = spareTopBit ? words : words + 1;
  const entries = directMappedEntries(bytes, stride);
  const idx = [...Array(words).keys()];
  // Compiled for the slot shape, the loads and compares unrolled (the hot
  // path: every successor comes through here). An entry's mark word, or its
  // last word's top bit, is 1 once it holds a state.
  const last = words - 1;
  const stored = (k: number): string => (spareTopBit && k === last ? `((s${k} | 0x80000000) >>> 0)` : `s${k}`);
  const mark = spareTopBit ? [] : [`seen[rb + ${words}] === 1`];
  const body = `
    const rb = (hash & ${entries - 1}) * ${stride};
    ${idx.map((k) => `const s${k} = src[at + ${k}];`).join(' ')}
    if (${[...mark, ...idx.map((k) => `seen[rb + ${k}] === ${stored(k)}`)].join(' && ')}) return true;
    ${idx.map((k) => `seen[rb + ${k}] = ${stored(k)};`).join(' ')}
    ${spareTopBit ? '' : `seen[rb + ${words}] = 1;`}
    return false;`;
  const seen = new Uint32Array(entries * stride);
  const seenElseCache = new Function('seen', `return function seenElseCache(src, at, hash) {${body}}`)(seen) as RecentStates['seenElseCache'];
  return { seenElseCache, bytes: seen.byteLength };
}
