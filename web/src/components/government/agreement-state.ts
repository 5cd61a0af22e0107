import type { Schemas } from '../../api/client';

export type Agreement = Schemas['AgreementView'];
export type AgreementGroup = 'inForce' | 'proposed' | 'ended';

/**
 * Where an agreement stands for a reader today: declined, withdrawn and expired ones have ended;
 * one with notice given is still in force until its (moved) end.
 */
export function agreementGroup(a: Agreement, now: Date = new Date()): AgreementGroup {
  if (a.status === 'proposed') return 'proposed';
  if (a.status === 'in_force' && new Date(a.validUntil) >= now) return 'inForce';
  return 'ended';
}

/** What the signed-in government may do with it (the API's own rules, so no button fails). */
export function agreementActions(a: Agreement, organizationId: string, now: Date = new Date()) {
  const proposer = a.organizationId === organizationId;
  const counterpart = a.counterpartOrganizationId === organizationId;
  const group = agreementGroup(a, now);
  return {
    accept: group === 'proposed' && counterpart,
    decline: group === 'proposed' && counterpart,
    withdraw: group === 'proposed' && proposer,
    end: group === 'inForce' && (proposer || counterpart) && a.endNoticeAt === null,
  };
}
