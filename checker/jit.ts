// V8's inlining budget, raised for the search's hot loop. The optimizing
// compiler inlines callees into a function only while their bytecode adds up
// to --max-inlined-bytecode-size-cumulative (920 bytes by default). The
// search's loop calls the model's actions(), next() and properties, and
// every field of a state is a getter or setter on a view (a setter is about
// 100 bytes), so at 920 most of a recipe stayed behind calls. Measured on
// pinbench, in runs paired on the two cores: at 2000, 1 worker took 15-20%
// less time and 2 workers were unchanged (within the noise); at 4600 (V8's
// absolute cap) 1 worker was no faster than at 2000 and 2 workers were about
// 8% slower. The flag changes what is inlined, never what the code computes.
// V8 reads it when it optimizes a function, so it is set when the checker is
// loaded, before anything is hot; it is process-wide, so worker threads
// share it.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--max-inlined-bytecode-size-cumulative=2000');
