// A trace drawn as lanes, one per actor (herd7 / LKMM style): each step's
// action sits in its actor's column, with the counters and flags it changed
// beneath it. Plain ASCII, at most WIDTH columns.
import { WIDTH, ascii, wrap } from './text.js';

export interface LaneStep {
  readonly step: number;
  readonly actor: string;
  readonly action: string;
  readonly changes: readonly string[];
}

const NUM = 4; // " 12 " step number gutter
const MIN_TEXT = 24;
const MIN_CHANGE = 20;

/** Processes first (P0, P1, ... numerically), then the other actors in order of appearance. */
export function laneOrder(actors: readonly string[]): string[] {
  const seen = [...new Set(actors)];
  const proc = (a: string): number | undefined => (/^P(\d+)$/.exec(a) ? Number(a.slice(1)) : undefined);
  const procs = seen.filter((a) => proc(a) !== undefined).sort((a, b) => proc(a)! - proc(b)!);
  return [...procs, ...seen.filter((a) => proc(a) === undefined)];
}

/** The action text without a leading "ACTOR: " that only repeats the lane (a thread lane `P0.t1` repeats `P0`). */
function inLane(lane: string, action: string): string {
  const actor = lane.split('.')[0];
  return action.startsWith(`${actor}: `) ? action.slice(actor.length + 2) : action;
}

export function renderLanes(steps: readonly LaneStep[], lanes: readonly string[] = laneOrder(steps.map((s) => s.actor))): string[] {
  const laneWidth = Math.max(8, Math.min(24, Math.floor((WIDTH - NUM) / Math.max(1, lanes.length))));
  const colOf = (actor: string): number => NUM + Math.max(0, lanes.indexOf(actor)) * laneWidth;
  const out: string[] = [];
  const head = lanes.map((l) => l.slice(0, laneWidth - 2).padEnd(laneWidth)).join('');
  out.push((' '.repeat(NUM) + head).trimEnd());
  out.push((' '.repeat(NUM) + lanes.map((l) => '-'.repeat(Math.min(l.length, laneWidth - 2)).padEnd(laneWidth)).join('')).trimEnd());
  for (const s of steps) {
    const col = Math.min(colOf(s.actor), WIDTH - MIN_TEXT);
    const text = wrap(ascii(inLane(s.actor, s.action)), WIDTH - col);
    text.forEach((t, i) => out.push((i === 0 ? String(s.step).padStart(NUM - 2) + '  ' : '').padEnd(col) + t));
    // A change sits under its action; when it is too long for the lane it
    // wraps there, unless the lane leaves less than MIN_CHANGE columns.
    for (const c of s.changes) {
      const ccol = col + 2 + c.length <= WIDTH || WIDTH - col - 2 >= MIN_CHANGE ? col + 2 : NUM + 2;
      for (const t of wrap(ascii(c), WIDTH - ccol)) out.push(' '.repeat(ccol) + t);
    }
  }
  return out;
}
