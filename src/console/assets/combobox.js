import { el, fill } from '/ui/dom.js';

const DEBOUNCE_MS = 150;

/**
 * An editable combobox with a list of suggestions (WAI-ARIA 1.2 pattern): typing asks `search`
 * for options `{value, label, hint?}`, ↑/↓ move through them, Entrée picks one, Échap closes the
 * list. Focus stays in the field; the list is followed through aria-activedescendant.
 */
export function combobox(input, listbox, { search, onPick = () => undefined }) {
  let options = [];
  let active = -1;
  let picked = null;
  let timer;
  let asked = 0;

  function close() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(index) {
    active = index;
    [...listbox.children].forEach((item, i) =>
      item.setAttribute('aria-selected', String(i === index)),
    );
    if (index < 0) input.removeAttribute('aria-activedescendant');
    else {
      input.setAttribute('aria-activedescendant', listbox.children[index].id);
      listbox.children[index].scrollIntoView({ block: 'nearest' });
    }
  }

  function pick(index) {
    const option = options[index];
    if (!option) return;
    picked = option;
    input.value = option.label;
    input.removeAttribute('aria-invalid');
    close();
    onPick(option);
  }

  function show(found) {
    options = found;
    fill(
      listbox,
      found.map((option, index) =>
        el(
          'li',
          {
            id: `${listbox.id}-${index}`,
            role: 'option',
            'aria-selected': 'false',
            // The pointer may pick too; mousedown keeps the focus in the field.
            onmousedown: (event) => {
              event.preventDefault();
              pick(index);
            },
          },
          option.label,
          option.hint && el('span', { className: 'hint' }, ` — ${option.hint}`),
        ),
      ),
      found.length === 0 &&
        el('li', { className: 'none', 'aria-disabled': 'true' }, 'Aucun résultat'),
    );
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(found.length > 0 ? 0 : -1);
  }

  async function lookUp() {
    const text = input.value.trim();
    const ask = ++asked;
    const found = await search(text);
    if (ask === asked && document.activeElement === input) show(found);
  }

  input.addEventListener('input', () => {
    picked = null;
    clearTimeout(timer);
    if (input.value.trim() === '') return close();
    timer = setTimeout(() => lookUp().catch(close), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    const open = !listbox.hidden;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) lookUp().catch(close);
      else highlight(Math.min(active + 1, options.length - 1));
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === 'Enter' && open) {
      // Picking a suggestion never submits the form.
      event.preventDefault();
      pick(active);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', close);

  return {
    /** The option picked, or null when the text was typed since. */
    value: () => picked,
    set(option) {
      picked = option;
      input.value = option ? option.label : '';
    },
    reset() {
      picked = null;
      input.value = '';
      close();
    },
  };
}
