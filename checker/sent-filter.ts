// A parallel worker's memory of the successors it recently sent to another
// worker, so that it does not send the same state again.
//
// Dropping a repeat changes nothing the search reports. Within a level a
// worker expands its states in increasing id order and their actions in
// increasing index order, so a repeat always carries a larger (parent,
// action) key than the copy already sent, and the owner keeps the smallest
// key of a level's state whatever else arrives. A repeat of a state sent in
// an earlier level is a state of an earlier level, which the owner ignores.
//
// Direct-mapped and exact: an entry holds a state's words, and a state is
// dropped only when every word is equal, so a hash collision only costs a
// send, never a state. An entry is laid out as a table slot of the store
// (checker/store.ts): the words and a mark word, or, when the layout leaves
// the top bit of the last word unused, the words with that bit set, so
// twice as many of pinbench's states fit (10.7 M messages a search with a
// mark word, 10.0 M without, in the same 256 KB).

import { directMappedEntries } from './store.js';

export interface SentFilter {
  /** Was the packed state `src[at .. at+words)` the last one sent with its slot? Records it when not. */
  sentBefore(src: Uint32Array, at: number, hash: number): boolean;
}

/** A filter of about `bytes` bytes for states of `words` packed words (`spareTopBit`: the top bit of the last is never set). */
export function sentFilter(words: number, bytes: number, spareTopBit = false): SentFilter {
  const stride = spareTopBit ? words : words + 1;
  const entries = directMappedEntries(bytes, stride);
  const idx = [...Array(words).keys()];
  // Compiled for the slot shape, the loads and compares unrolled (the hot
  // path: every successor an expander generates comes through here). An
  // entry's mark word, or its last word's top bit, is 1 once it holds a state.
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
  const sentBefore = new Function('seen', `return function sentBefore(src, at, hash) {${body}}`)(seen) as SentFilter['sentBefore'];
  return { sentBefore };
}
