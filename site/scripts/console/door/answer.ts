// The big answer the volunteer reads at arm's length: green to let in, red with the reason, and an
// undo for check-ins. Drawn as ui/console/door-page.tsx draws the server's own answers.

export type Answer = {
  tone: 'ok' | 'no' | 'undone';
  title: string;
  name?: string;
  detail: string;
  /** The ticket whose check-in the answer offers to undo. */
  undo?: string;
};

export function drawAnswer(box: HTMLElement, a: Answer, undo: (code: string) => void) {
  const panel = document.createElement('div');
  panel.className = `door-answer door-${a.tone}`;
  const line = (text: string, className?: string) => {
    const p = document.createElement('p');
    p.textContent = text;
    if (className) p.className = className;
    panel.append(p);
  };
  line(a.title, 'door-verdict');
  if (a.name) line(a.name, 'door-name');
  line(a.detail);
  if (a.undo) {
    const code = a.undo;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = 'Undo check-in';
    button.addEventListener('click', () => undo(code));
    panel.append(button);
  }
  box.replaceChildren(panel);
  // A buzz that says which without looking: one for yes, two for no.
  navigator.vibrate?.(a.tone === 'ok' ? 80 : [80, 60, 80]);
}
