import type { RequestForm } from './CrossBorderRequest.js';

/** Whether the form asks for the urgent deadlines: an urgent freezing, an emergency production. */
export function isUrgent(form: RequestForm): boolean {
  switch (form.type) {
    case 'FREEZING':
      return form.freezing.urgent;
    case 'DISCLOSURE':
      return form.disclosure.emergency;
    default:
      return false;
  }
}
