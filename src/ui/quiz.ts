/**
 * The `<course-quiz>` element: checks each question on its own, says in words whether the answer
 * is right (colour only repeats it), reveals the explanation in a live region, and keeps the
 * learner's answers in the browser so that a reload shows them and their feedback again.
 */

/** What is saved per quiz under `course:v1:quiz:<id>`. */
interface SavedQuiz {
  /** Per question, the zero-based index of the checked choice, or null when not answered. */
  answers: (number | null)[];
  /** ISO time of the last change. */
  savedAt: string;
}

const PREFIX = 'course:v1:quiz:';

/** The saved answers, or none when storage is missing, refused or holds something else. */
function loadAnswers(quizId: string): (number | null)[] {
  try {
    const saved = JSON.parse(localStorage.getItem(PREFIX + quizId) ?? 'null') as SavedQuiz | null;
    if (!Array.isArray(saved?.answers)) return [];
    return saved.answers.map((answer) => (Number.isInteger(answer) ? answer : null));
  } catch {
    return [];
  }
}

/** Saves the answers; a refusal only loses them on reload. */
function saveAnswers(quizId: string, answers: (number | null)[]): void {
  const saved: SavedQuiz = { answers, savedAt: new Date().toISOString() };
  try {
    localStorage.setItem(PREFIX + quizId, JSON.stringify(saved));
  } catch {
    // Storage refused (private mode, full quota): the feedback still shows for this visit.
  }
}

/** One question's parts, found once. */
interface Question {
  fieldset: HTMLFieldSetElement;
  radios: HTMLInputElement[];
  check: HTMLButtonElement;
  retry: HTMLButtonElement;
  feedback: HTMLElement;
  answer: number;
  explanation: string;
}

/** Collects a question's parts and hides its no-JavaScript disclosure. */
function findQuestion(fieldset: HTMLFieldSetElement): Question | undefined {
  const check = fieldset.querySelector<HTMLButtonElement>('[data-action="check"]');
  const retry = fieldset.querySelector<HTMLButtonElement>('[data-action="retry"]');
  const feedback = fieldset.querySelector<HTMLElement>('.quiz-feedback');
  const reveal = fieldset.querySelector<HTMLDetailsElement>('.quiz-reveal');
  if (!check || !retry || !feedback || !reveal) return undefined;
  // The disclosure is the no-JavaScript fallback; here Check takes its place.
  reveal.hidden = true;
  return {
    fieldset,
    radios: [...fieldset.querySelectorAll<HTMLInputElement>('input[type="radio"]')],
    check,
    retry,
    feedback,
    answer: Number(fieldset.dataset.answer),
    explanation: reveal.querySelector('.quiz-explanation')?.textContent ?? '',
  };
}

function paragraph(className: string, ...children: (Node | string)[]): HTMLParagraphElement {
  const element = document.createElement('p');
  element.className = className;
  element.append(...children);
  return element;
}

/** Shows the verdict in words and the explanation, and locks the choices until Try again. */
function showFeedback(question: Question, choice: number): void {
  const correct = choice === question.answer;
  const mark = document.createElement('span');
  mark.setAttribute('aria-hidden', 'true');
  mark.textContent = correct ? '✓ ' : '✗ ';
  const verdict = document.createElement('strong');
  verdict.textContent = correct ? 'Correct.' : 'Not quite.';

  question.fieldset.dataset.state = correct ? 'correct' : 'incorrect';
  question.radios.forEach((radio, index) => {
    radio.checked = index === choice;
    // Locked until Try again, so the feedback always matches the answer shown.
    radio.disabled = true;
  });
  question.feedback.replaceChildren(
    paragraph('quiz-verdict', mark, verdict),
    paragraph('quiz-explanation', question.explanation),
  );
  question.retry.hidden = false;
  question.check.hidden = true;
}

/** Puts a question back to unanswered. */
function clearFeedback(question: Question): void {
  question.fieldset.dataset.state = 'unanswered';
  for (const radio of question.radios) {
    radio.checked = false;
    radio.disabled = false;
  }
  question.feedback.replaceChildren();
  question.check.hidden = false;
  question.retry.hidden = true;
}

class CourseQuiz extends HTMLElement {
  connectedCallback(): void {
    const quizId = this.dataset.quiz ?? '';
    const questions = [...this.querySelectorAll<HTMLFieldSetElement>('.quiz-question')].map(
      findQuestion,
    );
    const saved = loadAnswers(quizId);
    const answers = questions.map((_, index) => saved[index] ?? null);

    questions.forEach((question, index) => {
      if (!question) return;
      const answer = answers[index];
      if (answer != null && answer >= 0 && answer < question.radios.length) {
        showFeedback(question, answer);
      } else clearFeedback(question);

      question.check.addEventListener('click', () => {
        const choice = question.radios.findIndex((radio) => radio.checked);
        if (choice === -1) {
          question.feedback.replaceChildren(
            paragraph('quiz-verdict', 'Choose an answer first, then press Check.'),
          );
          return;
        }
        answers[index] = choice;
        saveAnswers(quizId, answers);
        // Move focus before Check is hidden, so keyboard users are not dropped to the page.
        question.retry.hidden = false;
        question.retry.focus();
        showFeedback(question, choice);
      });

      question.retry.addEventListener('click', () => {
        answers[index] = null;
        saveAnswers(quizId, answers);
        clearFeedback(question);
        question.radios[0]?.focus();
      });
    });
    this.dataset.ready = 'true';
  }
}

if (!customElements.get('course-quiz')) customElements.define('course-quiz', CourseQuiz);
