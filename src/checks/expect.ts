/**
 * The one `expect` that exercise checks use, in Vitest, in the browser worker and in the grader:
 * chai with Vitest's Jest-style matchers, and no test runner attached.
 */
import * as chai from 'chai';
import {
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  type ExpectStatic,
} from '@vitest/expect';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

export const expect = chai.expect as unknown as ExpectStatic;
