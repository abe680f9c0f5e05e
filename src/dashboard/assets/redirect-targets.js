import { api, ApiError } from '/ui/api.js';
import { byId, el, fill } from '/ui/dom.js';
import { redirectTargetLines } from '/ui/redirect-target.js';

let onNotice = () => {};

const failure = (error) =>
  `Erreur : ${error instanceof ApiError ? error.message : 'le service ne répond pas.'}`;

function targetItem(target) {
  return el(
    'li',
    {},
    ...redirectTargetLines(target),
    el(
      'button',
      {
        type: 'button',
        className: 'secondary',
        onclick: () => void remove(target),
      },
      `Retirer ${target.name}`,
    ),
  );
}

export async function loadRedirectTargets() {
  const { items } = await api('/redirect-targets');
  byId('redirect-targets-empty').hidden = items.length > 0;
  fill(byId('redirect-targets'), items.map(targetItem));
}

async function remove(target) {
  try {
    await api(`/redirect-targets/${target.id}`, { method: 'DELETE' });
    onNotice(`${target.name} retiré des lieux de réorientation.`);
    await loadRedirectTargets();
    byId('redirect-target-name').focus();
  } catch (error) {
    onNotice(failure(error));
  }
}

/** The opening spans the form describes: the same hours on every day ticked. */
function hoursOf(form) {
  const opens = form.elements.opens.value;
  const closes = form.elements.closes.value;
  return [...form.querySelectorAll('input[name="days"]:checked')].map((day) => ({
    weekday: Number(day.value),
    opens,
    closes: closes === '00:00' ? '24:00' : closes,
  }));
}

async function add(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const phone = form.elements.phone.value.trim();
  const address = form.elements.address.value.trim();
  try {
    const saved = await api('/redirect-targets', {
      method: 'POST',
      body: {
        name: form.elements.name.value,
        kind: form.elements.kind.value,
        ...(phone ? { phone } : {}),
        ...(address ? { address } : {}),
        hours: hoursOf(form),
      },
    });
    onNotice(`${saved.name} ajouté aux lieux de réorientation.`);
    form.reset();
    await loadRedirectTargets();
  } catch (error) {
    onNotice(failure(error));
  }
}

/** Where operators send a patient when no GP slot fits, or at night: the coordinator's list. */
export function startRedirectTargets(notice) {
  onNotice = notice;
  byId('redirect-target-form').addEventListener('submit', (event) => void add(event));
  return loadRedirectTargets();
}
