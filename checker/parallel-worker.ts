// An expander of the pipelined search (parallel.ts): a worker thread that
// takes the states whose id is `me` modulo the number of expanders from the
// feed, in increasing id order from the store's handoff on, runs the model's
// actions on each, and sends every successor (its words, hash and action
// index) to the store through its ring, the last one marked. It counts what
// it generates and the coverage; when the store ends the search after some
// state, it takes back the counts of the states it had expanded beyond it,
// so the totals are what the 1-worker search counts.
import { workerData } from 'node:worker_threads';
import { labelOf, type Model } from './model.js';
import {
  CTL,
  Doorbell,
  END,
  FAILED,
  LAST,
  FEED_STATES,
  HEAD,
  MESSAGE_EXTRA,
  RING_MESSAGES,
  TAIL,
  expandersTake,
  progressWordOf,
  storeHas,
  type ExpanderInput,
  type ExpanderOutput,
  type ModelSource,
} from './parallel-shared.js';
import { RECENT_BYTES, recentStates, type RecentStates } from './recent-states.js';
import { spareTopBit } from './search-parts.js';
import { Coverage } from './stats.js';
import { ModelError, WordStepper } from './step.js';
import { hasherFor } from './store.js';

/** Import a model from its source: the export itself, or what the exported function returns for `args`. */
export async function loadModel(source: ModelSource): Promise<Model<unknown, unknown>> {
  const mod = (await import(source.module)) as Record<string, unknown>;
  const exp = mod[source.export];
  if (exp === undefined) throw new Error(`model source ${source.module} has no export ${source.export}`);
  const model = (typeof exp === 'function' ? await exp(...(source.args ?? [])) : exp) as Model<unknown, unknown>;
  if (!model || typeof model.next !== 'function' || !model.layout) {
    throw new Error(`model source ${source.module}#${source.export} did not give a model`);
  }
  return model;
}

/** States expanded between two looks at the views' integrity, and two progress counts. */
const VERIFY_EVERY = 1024;
/**
 * Messages appended before they are made visible to the store (at the end
 * of a state). The store reads a ring's cache line once the expander is done
 * writing it: made visible message by message, the line would go back and
 * forth between the two cores.
 */
const PUBLISH_EVERY = 64;

class Expander<S, A> {
  private readonly W: number;
  private readonly st: WordStepper<S, A>;
  private readonly hashOf: (src: Uint32Array, at: number) => number;
  /** The states recently sent (a repeat is not sent again: see recent-states.ts). */
  private readonly sent: RecentStates;
  private readonly ctl: Int32Array;
  private readonly feed: Uint32Array;
  private readonly claims: Int32Array;
  private readonly ring: Uint32Array;
  private readonly ringIndex: Int32Array;
  private readonly msg: number;
  private readonly myBell: Doorbell;
  /** The control word that says which state this expander expands next (parallel-shared.ts). */
  private readonly progressWord: number;
  private readonly storeBell: Doorbell;
  /** Messages appended, made visible to the store, and read by it (as last seen). */
  private tail: number;
  private published: number;
  private head: number;
  /** States with a smaller id are in the feed (as last seen). */
  private expandable = 0;
  /** The search ended (seen while waiting): no more messages are sent. */
  private stopped = false;
  private generated = 0;
  private readonly coverage: Coverage<A>;
  private readonly progress: Float64Array;
  /** The last state expanded, and the error its expansion threw (then it was the last). */
  private last: number;
  private failure: string | undefined;
  /** Why the views are broken (then this expander stopped expanding). */
  private broken: string | undefined;

  constructor(
    private readonly model: Model<S, A>,
    private readonly input: ExpanderInput,
  ) {
    this.W = model.layout.words;
    this.st = new WordStepper(model);
    this.hashOf = hasherFor(this.W);
    this.sent = recentStates(this.W, RECENT_BYTES, spareTopBit(model.layout));
    this.ctl = new Int32Array(input.ctl);
    this.feed = new Uint32Array(input.feed);
    this.claims = new Int32Array(input.claims);
    this.ring = new Uint32Array(input.ring.data);
    this.ringIndex = new Int32Array(input.ring.index);
    this.msg = this.W + MESSAGE_EXTRA;
    this.myBell = new Doorbell(this.ctl, CTL.expanderBell + 16 * input.me);
    this.progressWord = progressWordOf(input.me);
    this.storeBell = new Doorbell(this.ctl, CTL.storeBell);
    this.tail = Atomics.load(this.ringIndex, TAIL);
    this.published = this.tail;
    this.head = Atomics.load(this.ringIndex, HEAD);
    this.coverage = new Coverage<A>((a) => labelOf(model, a));
    this.progress = new Float64Array(input.generated);
    this.last = input.me - input.expanders;
  }

  run(): void {
    const E = this.input.expanders;
    const ctl = this.ctl;
    const stopped = (): boolean => Atomics.load(ctl, CTL.stop) !== 0;
    let sinceVerify = 0;
    // The store expands the states before the handoff itself; the first one
    // after it with this expander's residue is this expander's first.
    this.myBell.waitUntil(() => Atomics.load(ctl, CTL.handoff) >= 0 || stopped(), () => {});
    const from = Atomics.load(ctl, CTL.handoff);
    const first = from + ((((this.input.me - from) % E) + E) % E);
    if (from >= 0) this.last = first - E;
    const runBits = this.input.runBits;
    let run = -1;
    let ours = false;
    for (let k = first; from >= 0 && this.failure === undefined && this.broken === undefined && !this.stopped; k += E) {
      if (k >>> runBits !== run) {
        run = k >>> runBits;
        ours = expandersTake(this.claims, run);
      }
      if (!ours) continue; // the store expands this run
      if (k >= this.expandable) {
        this.publish();
        Atomics.store(ctl, this.progressWord, k);
        this.myBell.waitUntil(
          () => (this.expandable = Atomics.load(ctl, CTL.expandable)) > k || stopped(),
          () => {},
        );
        if (k >= this.expandable) break;
      }
      this.expand(k);
      this.last = k;
      if (this.published === this.tail) Atomics.store(ctl, this.progressWord, k + 1);
      if (++sinceVerify === VERIFY_EVERY) {
        sinceVerify = 0;
        this.verify();
        this.progress[this.input.me] = this.generated;
      }
    }
    this.verify();
    this.publish();
    this.myBell.waitUntil(stopped, () => {});
    this.uncountAfter(Atomics.load(ctl, CTL.stopAfter));
  }

  output(): ExpanderOutput {
    return { me: this.input.me, failure: this.failure, broken: this.broken, generated: this.generated, coverage: this.coverage.result() };
  }

  /** The successors of state `k` (in the feed) into the ring, the last marked LAST (or then END), or FAILED if the model's code threw. */
  private expand(k: number): void {
    const first = this.tail;
    const st = this.st;
    const nxt = st.nxt;
    const nxtView = st.nxtRead;
    const within = this.model.within;
    st.load(this.feed, (k & (FEED_STATES - 1)) * this.W);
    try {
      const acts = st.enabled();
      for (let i = 0; i < acts.length; i++) {
        const a = acts[i];
        if (!st.step(a)) continue;
        this.generated++;
        this.coverage.countAt(a, i);
        if (within && !within(nxtView)) continue;
        const h = this.hashOf(nxt, 0);
        if (this.sent.seenElseCache(nxt, 0, h)) continue;
        this.put(nxt, h, i);
      }
    } catch (e) {
      this.failure = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      this.put(nxt, 0, FAILED);
      return;
    }
    // Mark the last successor, unless the store may already have read it.
    if (this.tail !== first && this.tail !== this.published) this.ring[((this.tail - 1) & (RING_MESSAGES - 1)) * this.msg + this.W + 1] |= LAST;
    else this.put(nxt, 0, END);
    if (((this.tail - this.published) | 0) >= PUBLISH_EVERY) this.publish();
  }

  /** A replaced view element is a model bug the store cannot see: tell it, and stop expanding. */
  private verify(): void {
    if (this.broken !== undefined) return;
    try {
      this.st.verify();
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      this.broken = e.message;
      Atomics.store(this.ctl, CTL.broken, 1);
      this.storeBell.ring();
    }
  }

  /** Append a message (the state's words, its hash, the action word); waits while the ring is full. */
  private put(src: Uint32Array, hash: number, action: number): void {
    if (((this.tail - this.head) | 0) === RING_MESSAGES) {
      this.publish();
      const idx = this.ringIndex;
      this.myBell.waitUntil(
        () => ((this.tail - (this.head = Atomics.load(idx, HEAD))) | 0) !== RING_MESSAGES || Atomics.load(this.ctl, CTL.stop) !== 0,
        () => {},
      );
      if (((this.tail - this.head) | 0) === RING_MESSAGES) {
        this.stopped = true;
        return;
      }
    }
    const ring = this.ring;
    const W = this.W;
    let to = (this.tail & (RING_MESSAGES - 1)) * this.msg;
    for (let q = 0; q < W; q++) ring[to++] = src[q];
    ring[to++] = hash;
    ring[to] = action;
    this.tail = (this.tail + 1) | 0;
  }

  /** Make the appended messages visible to the store, and wake it if it sleeps. */
  private publish(): void {
    this.published = this.tail;
    Atomics.store(this.ringIndex, TAIL, this.tail);
    this.storeBell.ring();
  }

  /**
   * The search counts the states up to `after`: take back the counts of those
   * this expander expanded beyond it, by expanding them again (the feed
   * still holds them: the store frees a state's slot only once it has
   * settled the batch that holds the state's successors). A state whose
   * expansion threw throws again at the same action, so exactly its counts
   * are taken back.
   */
  private uncountAfter(after: number): void {
    const st = this.st;
    const within = this.model.within;
    for (let k = this.last; k > after; k -= this.input.expanders) {
      if (storeHas(this.claims, k >>> this.input.runBits)) continue;
      st.load(this.feed, (k & (FEED_STATES - 1)) * this.W);
      try {
        // The same calls as expand(), so an error comes at the same point.
        for (const a of st.enabled()) {
          if (!st.step(a)) continue;
          this.generated--;
          this.coverage.uncount(a);
          if (within) within(st.nxtRead);
        }
      } catch {
        // (the same error, at the same action, as when it was expanded)
      }
    }
  }
}

async function main(input: ExpanderInput): Promise<void> {
  const ctl = new Int32Array(input.ctl);
  let out: ExpanderOutput;
  try {
    const model = await loadModel(input.source);
    if (model.name !== input.modelName || model.layout.words !== input.words) {
      throw new Error(
        `the model source gave model ${model.name} (${model.layout.words} words), not ${input.modelName} (${input.words} words)`,
      );
    }
    const expander = new Expander(model, input);
    Atomics.add(ctl, CTL.started, 1);
    expander.run();
    out = expander.output();
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    out = { me: input.me, error, generated: 0, coverage: {} };
  }
  input.port.postMessage(out);
  input.port.close();
  Atomics.add(ctl, CTL.finished, 1);
  new Doorbell(ctl, CTL.storeBell).ring();
}

if (workerData && (workerData as { parallelSearch?: boolean }).parallelSearch) {
  void main((workerData as { input: ExpanderInput }).input);
}
