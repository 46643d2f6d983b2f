// Native modal dialogs: showModal moves focus in and keeps it there, Escape closes; on closing,
// focus goes back to where the person was (or, when that element is gone because the list was
// redrawn, to what `back` finds now). The secret dialog forgets the key as soon as it closes.

import { $, fill } from './dom.js';

const returns = new WeakMap();

/** Opens dialog; back() is asked on close for the element to focus (null: the page's main). */
export function openDialog(dialog, back) {
  returns.set(dialog, back);
  dialog.showModal();
}

function focusBack(dialog) {
  const back = returns.get(dialog);
  returns.delete(dialog);
  if (document.querySelector('dialog[open]')) return; // another dialog took over
  let target = back ? back() : null;
  if (!target || !target.isConnected || target.disabled) target = $('kg-new-key');
  target.focus();
}

/** Wires every dialog's close handling, and the secret dialog's copy and close buttons. */
export function setUpDialogs() {
  for (const dialog of document.querySelectorAll('dialog')) {
    dialog.addEventListener('close', () => focusBack(dialog));
  }
  const secret = $('kg-secret');
  const value = $('kg-secret-value');
  secret.addEventListener('close', () => {
    value.value = '';
    fill($('kg-secret-status'));
  });
  $('kg-secret-close').addEventListener('click', () => secret.close());
  value.addEventListener('focus', () => value.select());
  $('kg-secret-copy').addEventListener('click', copy);
}

async function copy() {
  const value = $('kg-secret-value');
  const status = $('kg-secret-status');
  try {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error('no clipboard');
    await navigator.clipboard.writeText(value.value);
    fill(status, 'Copied to the clipboard. Paste it where the program keeps its secrets.');
  } catch (e) {
    value.focus();
    value.select();
    fill(status, 'The browser did not let this page copy. The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.');
  }
}

/**
 * Shows a raw key once. about: what happened (a sentence); back: as for openDialog.
 * The key goes into the input's value only, and leaves it when the dialog closes.
 */
export function showSecret(title, about, key, back) {
  const dialog = $('kg-secret');
  fill($('kg-secret-title'), title);
  fill($('kg-secret-about'), about);
  fill($('kg-secret-status'));
  $('kg-secret-value').value = key;
  openDialog(dialog, back);
  $('kg-secret-copy').focus();
}
