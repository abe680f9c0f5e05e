import type { NotificationRequest } from '../notification-request';
import type { RenderedParams } from './template-catalogue';
import { type Renderer, TemplateError, TemplateParams } from './template-params';

/**
 * The `@ts-expect-error` lines are the assertions of this file: `tsc --noEmit` (npm run check)
 * fails if one of them compiles. Jest transpiles without type checking, so it runs the rest.
 */
describe('the template catalogue', () => {
  const stale: NotificationRequest<'practitioner.availability_stale'> = {
    channel: 'email',
    recipient: 'dr.anne@example.fr',
    template: 'practitioner.availability_stale',
    params: { firstName: 'Anne', signInLinkId: 'a1b2' },
  };

  it('types a request by its template', () => {
    const requests: NotificationRequest[] = [
      stale,
      // @ts-expect-error a parameter the template does not have
      { ...stale, params: { name: 'Anne', signInLinkId: 'a1b2' } },
      // @ts-expect-error another template's parameters
      { ...stale, template: 'patient.assigned' },
      // @ts-expect-error a template outside the catalogue
      { ...stale, template: 'practitioner.hello' },
    ];
    expect(requests).toHaveLength(4);
  });

  it('types a renderer by the same entry, its sign-in link id read as a link', () => {
    type Stale = Renderer<'practitioner.availability_stale', string>;
    const greeting: Stale = (params) => `${params.text('firstName')} ${params.text('link')}`;
    // @ts-expect-error a parameter the template does not have
    const renamed: Stale = (params) => params.text('name');
    // @ts-expect-error the link id is not what the template reads
    const linkId: Stale = (params) => params.text('signInLinkId');
    // @ts-expect-error a number read as text
    const age: Renderer<'practitioner.booked', string> = (params) => params.text('patientAge');

    const params = new TemplateParams<RenderedParams<'practitioner.availability_stale'>>(
      'practitioner.availability_stale',
      { firstName: 'Anne', link: 'https://cpts.example/auth/link/x' },
    );
    expect(greeting(params)).toBe('Anne https://cpts.example/auth/link/x');
    // What a stored row holds is still checked as it is read.
    expect(() => renamed(params)).toThrow(TemplateError);
    expect(() => linkId(params)).toThrow(TemplateError);
    expect(() => age(new TemplateParams('practitioner.booked', { patientAge: 34 }))).toThrow(
      TemplateError,
    );
  });
});
