import {
  appointmentWindow,
  type PractitionerAppointmentRow,
  practitionerAppointmentView,
} from './practitioner-appointment-view';

const now = new Date('2026-03-29T10:00:00Z');

describe("a GP's view of their booked patients", () => {
  const row: PractitionerAppointmentRow = {
    appointmentId: 'a1',
    requestId: 'r1',
    reference: 'SNP-260329-ABCD',
    startsAt: new Date('2026-03-29T12:30:00Z'),
    endsAt: new Date('2026-03-29T12:50:00Z'),
    mode: 'in_person',
    address: '3 rue du Port',
    communeCode: '56007',
    patientFirstName: 'Hélène',
    patientLastName: 'le Gall',
    patientBirthDate: '1990-03-30',
    reason: 'Fièvre',
    outcome: null,
  };

  it('shows first name, initial and age, never the last name or birth date', () => {
    const view = practitionerAppointmentView(row, 'Auray', now, (at) => at.toISOString());
    expect(view.patient).toEqual({ firstName: 'Hélène', initial: 'L', age: 35 });
    expect(JSON.stringify(view)).not.toMatch(/Gall|1990/);
    expect(view.place).toEqual({ address: '3 rue du Port', communeName: 'Auray' });
  });

  it('opens on the last 7 days and the next 14 by default', () => {
    expect(appointmentWindow({}, now)).toEqual({
      from: new Date('2026-03-22T10:00:00Z'),
      to: new Date('2026-04-12T10:00:00Z'),
    });
  });

  it('refuses an empty or overlong window, naming the field', () => {
    expect(
      appointmentWindow({ from: '2026-03-29T10:00:00Z', to: '2026-03-29T09:00:00Z' }, now),
    ).toEqual({ field: 'to', message: 'to must be after from' });
    expect(
      appointmentWindow({ from: '2026-01-01T00:00:00Z', to: '2026-12-31T00:00:00Z' }, now),
    ).toMatchObject({ field: 'to' });
  });
});
