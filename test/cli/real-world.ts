// The kernel world as the CLI sees it (models/index.ts), for in-process tests.
import * as models from '../../models/index.js';
import type { World } from '../../cli/world.js';

export const realWorld: World = models;
