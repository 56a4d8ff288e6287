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
// send, never a state.

import { directMappedEntries } from './store.js';

export interface SentFilter {
  /** Was the packed state `src[at .. at+words)` the last one sent with its slot? Records it when not. */
  sentBefore(src: Uint32Array, at: number, hash: number): boolean;
}

/** A filter of about `bytes` bytes for states of `words` packed words. */
export function sentFilter(words: number, bytes: number): SentFilter {
  const stride = words + 1;
  const entries = directMappedEntries(bytes, stride);
  const idx = [...Array(words).keys()];
  // Compiled for the word count, the loads and compares unrolled (the hot
  // path: every successor owned by another worker comes through here). The
  // last word of an entry is 1 once the entry holds a state.
  const body = `
    const rb = (hash & ${entries - 1}) * ${stride};
    ${idx.map((k) => `const s${k} = src[at + ${k}];`).join(' ')}
    if (seen[rb + ${words}] === 1 ${idx.map((k) => `&& seen[rb + ${k}] === s${k}`).join(' ')}) return true;
    ${idx.map((k) => `seen[rb + ${k}] = s${k};`).join(' ')}
    seen[rb + ${words}] = 1;
    return false;`;
  const seen = new Uint32Array(entries * stride);
  const sentBefore = new Function('seen', `return function sentBefore(src, at, hash) {${body}}`)(seen) as SentFilter['sentBefore'];
  return { sentBefore };
}
