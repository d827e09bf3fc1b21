// The copy button beside a calendar link (ui/calendar-link.tsx): shown only where the clipboard
// works; without it, or without JavaScript, the address is selectable text.
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  const input = document.getElementById(button.dataset.copy ?? '') as HTMLInputElement | null;
  const status = button.closest('.feed-link')?.querySelector<HTMLElement>('.copy-status');
  if (!input || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(input.value);
      if (status) status.textContent = 'Copied. Paste it where your calendar app asks for a subscription address.';
    } catch {
      input.select();
      if (status) status.textContent = 'Could not copy: the address is selected, copy it from there.';
    }
  });
}
