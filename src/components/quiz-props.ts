/**
 * The props of `<Quiz>` and their build-time check. A mistake in a quiz fails the build with a
 * message naming the quiz and the question, rather than shipping a question nobody can answer.
 */

/** One multiple-choice question. */
export interface QuizQuestion {
  /** The question, as plain text. */
  question: string;
  /** The choices, in the order shown; at least two. */
  choices: string[];
  /** Zero-based index into `choices` of the right answer. */
  answer: number;
  /** Why the right answer is right, shown after the learner checks an answer. */
  explanation: string;
}

/** Stable codes for `QuizPropsError`. */
export type QuizPropsErrorCode =
  | 'invalid-id'
  | 'no-questions'
  | 'empty-question'
  | 'too-few-choices'
  | 'empty-choice'
  | 'invalid-answer'
  | 'empty-explanation';

/** A wrong `<Quiz>` prop, found at build time; the message names the quiz and the question. */
export class QuizPropsError extends Error {
  readonly code: QuizPropsErrorCode;
  /** The quiz's `id` prop. */
  readonly quizId: string;
  /** The question at fault, counted from 1, or undefined when the quiz as a whole is wrong. */
  readonly question: number | undefined;

  constructor(
    code: QuizPropsErrorCode,
    quizId: string,
    question: number | undefined,
    problem: string,
    hint: string,
  ) {
    const where = question === undefined ? '' : `, question ${question}`;
    super(`Quiz \`${quizId}\`${where}: ${problem} ${hint}`);
    this.name = 'QuizPropsError';
    this.code = code;
    this.quizId = quizId;
    this.question = question;
  }
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** Throws a `QuizPropsError` for the first problem found in a quiz's props. */
export function validateQuizProps(id: unknown, questions: unknown): void {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw new QuizPropsError(
      'invalid-id',
      String(id),
      undefined,
      `the id \`${String(id)}\` cannot be used to save answers.`,
      'Use lowercase letters, digits and dashes, for example `stage-3`.',
    );
  }
  if (!Array.isArray(questions) || questions.length === 0) {
    throw new QuizPropsError(
      'no-questions',
      id,
      undefined,
      'there are no questions.',
      'Pass at least one question in `questions`.',
    );
  }
  questions.forEach((item: Partial<QuizQuestion> | undefined, index) => {
    const fail = (code: QuizPropsErrorCode, problem: string, hint: string): never => {
      throw new QuizPropsError(code, id, index + 1, problem, hint);
    };
    if (isBlank(item?.question)) {
      fail('empty-question', 'the question text is empty.', 'Write the question in `question`.');
    }
    const choices: unknown[] = Array.isArray(item?.choices) ? item.choices : [];
    if (choices.length < 2) {
      const count = choices.length === 1 ? 'only 1 choice' : `${choices.length} choices`;
      fail('too-few-choices', `there is ${count}.`, 'Give at least 2 choices.');
    }
    const blank = choices.findIndex(isBlank);
    if (blank !== -1) fail('empty-choice', `choice ${blank + 1} is empty.`, 'Write every choice.');
    const answer = item?.answer;
    if (typeof answer !== 'number' || !Number.isInteger(answer)) {
      fail(
        'invalid-answer',
        `\`answer\` is \`${String(answer)}\`.`,
        'Give the zero-based index of the right choice.',
      );
    } else if (answer < 0 || answer >= choices.length) {
      fail(
        'invalid-answer',
        `\`answer\` is \`${answer}\`, but there are ${choices.length} choices.`,
        `It is zero-based: use 0 for the first choice and ${choices.length - 1} for the last.`,
      );
    }
    if (isBlank(item?.explanation)) {
      fail(
        'empty-explanation',
        'the explanation is empty.',
        'Say in `explanation` why the right answer is right.',
      );
    }
  });
}
