import { DataSource } from 'typeorm';
import type {
  BusinessCalendarDto, ConversationSlaDto, RoutingRuleDto, SlaPolicyDto, SurveyRecoveryDto, TeamDto, WidgetMessage, XlaPolicyDto,
} from '@parley/contracts';
import { SlaTimerEntity } from '@parley/persistence';
import { SlaScheduler } from '@parley/sla';
import { next, useRunningApp } from './harness';
import { routingFixtures } from './routing-fixtures';

const targets = (normal: Record<string, number | null>) => ({ normal, high: normal, low: normal, urgent: normal });
const UNKNOWN = '01900000-0000-7000-8000-000000000000';

describe('editing teams, routing rules, SLA and XLA policies', () => {
  const t = useRunningApp();
  const f = routingFixtures(t);

  it('creates a team with members and a lead, edits every field, and refuses impossible input with the reason', async () => {
    const ann = await f.agent('Lead Ann');
    const bob = await f.agent('Member Bob');
    const spare = await f.team('Spare', {});
    const created = await f.call<TeamDto>('POST', '/api/teams', { name: 'Billing', strategy: 'least_busy', memberIds: [bob.id], leadId: ann.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Billing', strategy: 'least_busy', memberIds: [bob.id], leadId: ann.id, sticky: true });
    const id = created.body.id;

    const edited = await f.call<TeamDto>('PATCH', `/api/teams/${id}`, {
      name: 'Billing & refunds', strategy: 'skills', sticky: false, memberIds: [bob.id, ann.id], leadId: bob.id, overflowTeamId: spare.id, overflowAfterMinutes: 15,
    });
    expect(edited.status).toBe(200);
    const stored = (await f.call<TeamDto>('GET', `/api/teams/${id}`)).body;
    expect(stored).toMatchObject({ name: 'Billing & refunds', strategy: 'skills', sticky: false, leadId: bob.id, overflowTeamId: spare.id, overflowAfterMinutes: 15 });
    expect([...stored.memberIds].sort()).toEqual([ann.id, bob.id].sort());
    // Fields left out stay as they were; null clears the lead.
    expect((await f.call<TeamDto>('PATCH', `/api/teams/${id}`, { leadId: null })).body).toMatchObject({ leadId: null, name: 'Billing & refunds', overflowAfterMinutes: 15 });

    const unknownLead = await f.call('PATCH', `/api/teams/${id}`, { leadId: UNKNOWN });
    expect(unknownLead).toMatchObject({ status: 400, body: { message: `Unknown team lead ${UNKNOWN}` } });
    const unknownMember = await f.call('PATCH', `/api/teams/${id}`, { memberIds: [bob.id, UNKNOWN] });
    expect(unknownMember.status).toBe(400);
    expect(unknownMember.body.message).toContain(UNKNOWN);
    expect((await f.call('PATCH', `/api/teams/${id}`, { overflowTeamId: null })).body.message).toMatch(/both the next team and the minutes/);
    expect((await f.call('PATCH', `/api/teams/${id}`, { overflowTeamId: id })).body.message).toMatch(/cannot overflow into itself/);
    expect((await f.call('PATCH', `/api/teams/${id}`, { name: '  ' })).status).toBe(400);
    expect((await f.call('PATCH', `/api/teams/${id}`, { slaPolicyId: UNKNOWN })).status).toBe(400);
    expect((await f.call('PATCH', `/api/teams/${UNKNOWN}`, { name: 'Ghost' })).status).toBe(404);
    expect((await f.call('PATCH', `/api/teams/${id}`, { name: 'Agents may not' }, bob.token)).status).toBe(403);
    // Clearing both overflow fields together is fine.
    expect((await f.call<TeamDto>('PATCH', `/api/teams/${id}`, { overflowTeamId: null, overflowAfterMinutes: null })).body).toMatchObject({ overflowTeamId: null, overflowAfterMinutes: null });
    // Nothing of the refused edits stuck.
    expect((await f.call<TeamDto>('GET', `/api/teams/${id}`)).body).toMatchObject({ name: 'Billing & refunds', leadId: null });

    const skills = await f.call('PATCH', `/api/agents/${bob.id}`, { skills: ['lang:ru', 'russian'] });
    expect(skills.status).toBe(400);
    expect(skills.body.message).toContain('russian');
    expect((await f.call('PATCH', `/api/agents/${bob.id}`, { capacity: 6, skills: ['lang:ru', 'channel:email', 'tag:vip'] })).body).toMatchObject({ capacity: 6, skills: ['lang:ru', 'channel:email', 'tag:vip'] });
  });

  it('edits routing rules and refuses unknown teams, inboxes and languages', async () => {
    const a = await f.team('Rules A', {});
    const b = await f.team('Rules B', {});
    const inboxes = (await f.call<{ id: string }[]>('GET', '/api/inboxes')).body;
    const rule = (await f.call<RoutingRuleDto>('POST', '/api/routing/rules', { teamId: a.id, keywords: ['invoice'] })).body;
    const edited = await f.call<RoutingRuleDto>('PATCH', `/api/routing/rules/${rule.id}`, { teamId: b.id, language: 'ru', keywords: ['Счёт', 'invoice'], inboxId: inboxes[0].id, position: 7 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ teamId: b.id, language: 'ru', keywords: ['счёт', 'invoice'], inboxId: inboxes[0].id, position: 7 });
    expect((await f.call<RoutingRuleDto[]>('GET', '/api/routing/rules')).body.find((r) => r.id === rule.id)).toMatchObject({ teamId: b.id, position: 7 });
    expect((await f.call('PATCH', `/api/routing/rules/${rule.id}`, { teamId: UNKNOWN })).body.message).toBe(`Unknown team ${UNKNOWN}`);
    expect((await f.call('PATCH', `/api/routing/rules/${rule.id}`, { inboxId: UNKNOWN })).body.message).toBe(`Unknown inbox ${UNKNOWN}`);
    expect((await f.call('PATCH', `/api/routing/rules/${rule.id}`, { language: 'de' })).status).toBe(400);
    expect((await f.call('PATCH', `/api/routing/rules/${rule.id}`, { position: -1 })).status).toBe(400);
    expect((await f.call('POST', '/api/routing/rules', { teamId: a.id, language: 'klingon' })).status).toBe(400);
    expect((await f.call('PATCH', `/api/routing/rules/${UNKNOWN}`, { language: 'en' })).status).toBe(404);
    // Clearing a condition: null means any language again.
    expect((await f.call<RoutingRuleDto>('PATCH', `/api/routing/rules/${rule.id}`, { language: null })).body.language).toBeNull();
  });

  it('deletes a team only when no conversation waits in it, and takes its rules and XLA targets along', async () => {
    const team = await f.team('Short-lived', {});
    await f.call('POST', '/api/routing/rules', { teamId: team.id, keywords: ['ephemeral'] });
    const xla = await f.call<XlaPolicyDto>('PUT', '/api/xla/policies', { teamId: team.id, maxTransfers: 2 });
    expect(xla.status).toBe(200);
    const v = await f.visitorWrites('ephemeral question');
    await f.eventually('in the team', async () => (await f.conversation(v.conversation.id)).teamId === team.id);
    const refused = await f.call('DELETE', `/api/teams/${team.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/1 unresolved conversation/);
    await f.call('POST', `/api/conversations/${v.conversation.id}/status`, { status: 'resolved' });
    expect((await f.call('DELETE', `/api/teams/${team.id}`)).status).toBe(204);
    expect((await f.call<RoutingRuleDto[]>('GET', '/api/routing/rules')).body.filter((r) => r.teamId === team.id)).toEqual([]);
    expect((await f.call<XlaPolicyDto[]>('GET', '/api/xla/policies')).body.filter((x) => x.teamId === team.id)).toEqual([]);
  });

  it('edits calendars and SLA policies, escalation included, with clear 400s for impossible ones', async () => {
    const week = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' }));
    const cal = (await f.call<BusinessCalendarDto>('POST', '/api/sla/calendars', { name: 'Office', timeZone: 'Europe/Berlin', hours: week })).body;
    const calEdit = await f.call<BusinessCalendarDto>('PATCH', `/api/sla/calendars/${cal.id}`, {
      name: 'Office (winter)', timeZone: 'Asia/Yekaterinburg', hours: [...week, { day: 6, start: '22:00', end: '02:00' }], holidays: ['2026-12-31'],
    });
    expect(calEdit.status).toBe(200);
    expect(calEdit.body).toMatchObject({ name: 'Office (winter)', timeZone: 'Asia/Yekaterinburg', holidays: ['2026-12-31'] });
    expect(calEdit.body.hours).toHaveLength(6);
    expect((await f.call('PATCH', `/api/sla/calendars/${cal.id}`, { timeZone: 'Atlantis/Capital' })).body.message).toMatch(/unknown time zone "Atlantis\/Capital"/);
    expect((await f.call('PATCH', `/api/sla/calendars/${cal.id}`, { hours: [] })).body.message).toMatch(/no open hours/);
    // Saturday night runs into Sunday morning: a Sunday 01:00 opening overlaps it.
    expect((await f.call('PATCH', `/api/sla/calendars/${cal.id}`, { hours: [{ day: 6, start: '22:00', end: '02:00' }, { day: 0, start: '01:00', end: '05:00' }] })).body.message).toMatch(/overlap/);

    const policy = (await f.call<SlaPolicyDto>('POST', '/api/sla/policies', {
      name: 'Standard', targets: targets({ firstResponseSeconds: 3600 }), escalation: { warning: ['notify_supervisors'], breach: ['notify_supervisors'] },
    })).body;
    const edited = await f.call<SlaPolicyDto>('PATCH', `/api/sla/policies/${policy.id}`, {
      name: 'Standard+', calendarId: cal.id, warnAtPercent: 75, targets: targets({ firstResponseSeconds: 1800, nextResponseSeconds: 3600, resolutionSeconds: null }),
      escalation: { warning: [], breach: ['raise_priority', 'reassign'] },
    });
    expect(edited.status).toBe(200);
    const listed = (await f.call<SlaPolicyDto[]>('GET', '/api/sla/policies')).body.find((p) => p.id === policy.id)!;
    expect(listed).toMatchObject({ name: 'Standard+', calendarId: cal.id, warnAtPercent: 75, escalation: { warning: [], breach: ['raise_priority', 'reassign'] } });
    expect(listed.targets.normal).toEqual({ firstResponseSeconds: 1800, nextResponseSeconds: 3600, resolutionSeconds: null });

    const bad = (body: object) => f.call('PATCH', `/api/sla/policies/${policy.id}`, body);
    expect((await bad({ targets: { high: { resolutionSeconds: -60 } } })).body.message).toMatch(/high.resolutionSeconds must be a positive/);
    expect((await bad({ escalation: { breach: ['call_the_ceo'] } })).body.message).toBe('Unknown escalation action call_the_ceo');
    expect((await bad({ escalation: { later: ['reassign'] } })).body.message).toMatch(/warning and breach/);
    expect((await bad({ warnAtPercent: 120 })).status).toBe(400);
    expect((await bad({ calendarId: UNKNOWN })).body.message).toBe(`Unknown calendar ${UNKNOWN}`);
    expect((await f.call('PATCH', `/api/sla/policies/${UNKNOWN}`, { name: 'x' })).status).toBe(404);
    // The calendar is in use: it cannot go; the policy can, and its team falls back to the default.
    expect((await f.call('DELETE', `/api/sla/calendars/${cal.id}`)).status).toBe(400);
    const team = await f.team('Policy holder', { slaPolicyId: policy.id });
    expect((await f.call('DELETE', `/api/sla/policies/${policy.id}`)).status).toBe(204);
    expect((await f.call<TeamDto>('GET', `/api/teams/${team.id}`)).body.slaPolicyId).toBeNull();
    expect((await f.call('DELETE', `/api/sla/calendars/${cal.id}`)).status).toBe(204);
  });

  it('honours an escalation changed after the clock started: the breach raises the priority the edit asked for', async () => {
    const policy = (await f.call<SlaPolicyDto>('POST', '/api/sla/policies', {
      name: 'Edited escalation', targets: targets({ firstResponseSeconds: 3600 }), escalation: { warning: [], breach: [] },
    })).body;
    const team = await f.team('Escalating', { slaPolicyId: policy.id });
    await f.call('POST', '/api/routing/rules', { teamId: team.id, keywords: ['escalate'] });
    const v = await f.visitorWrites('please escalate me');
    const id = v.conversation.id;
    await f.eventually('clock running', async () => (await f.call<ConversationSlaDto>('GET', `/api/sla/conversations/${id}`)).body.nextDueAt);
    expect((await f.call('PATCH', `/api/sla/policies/${policy.id}`, { escalation: { breach: ['raise_priority'] } })).status).toBe(200);
    // An hour passes: the stored deadline moves to just now.
    const db = t.app.app.get(DataSource);
    const timer = await f.eventually('timer', () => db.getRepository(SlaTimerEntity).findOneBy({ conversationId: id, metric: 'first_response' }));
    const past = new Date(Date.now() - 1000);
    await db.getRepository(SlaTimerEntity).update({ id: timer.id }, { dueAt: past, warnAt: past, nextFireAt: past, version: timer.version + 1 });
    await t.app.app.get(SlaScheduler).sweep();
    await f.eventually('priority raised by the edited escalation', async () => (await f.conversation(id)).priority === 'high');
  });

  it('removes a team XLA target and answers 404 for one that is gone', async () => {
    const team = await f.team('Feelings', {});
    const saved = (await f.call<XlaPolicyDto>('PUT', '/api/xla/policies', { teamId: team.id, negativeReplyMinutes: 10, csatTargetPercent: 90 })).body;
    expect((await f.call<XlaPolicyDto>('PUT', '/api/xla/policies', { teamId: team.id, negativeReplyMinutes: 20 })).body).toMatchObject({ id: saved.id, negativeReplyMinutes: 20, csatTargetPercent: 90 });
    expect((await f.call('PUT', '/api/xla/policies', { teamId: team.id, csatTargetPercent: 140 })).status).toBe(400);
    expect((await f.call('DELETE', `/api/xla/policies/${saved.id}`)).status).toBe(204);
    expect((await f.call('DELETE', `/api/xla/policies/${saved.id}`)).status).toBe(404);
  });

  it("gives a detractor's follow-up to the team's named lead, even one outside the team", async () => {
    const lead = await f.agent('Named Nina');
    const member = await f.agent('Member Max');
    const team = await f.team('Led', { memberIds: [member.id], leadId: lead.id });
    const inboxes = (await f.call<{ id: string; channel: string }[]>('GET', '/api/inboxes')).body;
    const webchat = inboxes.find((i) => i.channel === 'webchat')!;
    expect((await f.call('PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: webchat.id, type: 'csat', delayMinutes: 0, throttleDays: 30 })).status).toBe(200);
    const v = await f.visitorWrites('the parcel is lost');
    const id = v.conversation.id;
    await f.call('POST', `/api/conversations/${id}/assignment`, { teamId: team.id });
    const seen = next<WidgetMessage>(v.socket, 'message:new', (m) => m.direction === 'outbound');
    await f.call('POST', `/api/conversations/${id}/messages`, { content: 'Looking into it' });
    await seen;
    const question = next<WidgetMessage>(v.socket, 'message:new', (m) => m.direction === 'outbound' && m.content.includes('How would you rate'));
    await f.call('POST', `/api/conversations/${id}/status`, { status: 'resolved' });
    await question;
    await v.socket.emitWithAck('message:send', { content: '1', clientMessageId: 'detractor-score-1' });
    const task = await f.eventually('follow-up task', async () =>
      (await f.call<SurveyRecoveryDto[]>('GET', '/api/surveys/recoveries?status=open')).body.find((r) => r.conversationId === id));
    expect(task).toMatchObject({ teamId: team.id, assigneeId: lead.id });
  });
});
