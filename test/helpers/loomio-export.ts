/**
 * A small Loomio group export (JSON lines of {table, record}), written for our tests in the
 * shape Loomio's GroupExportService writes: a co-op's users, a consent proposal with a changed
 * and a revoked stance and an outcome, an anonymous consensus proposal, a plain proposal with
 * HTML details, a dot-vote poll, a proposal still open, and tables we do not read.
 */
const line = (table: string, record: Record<string, unknown>): string => JSON.stringify({ table, record })

export function loomioExport(now = Date.now()): string {
  const past = (days: number): string => new Date(now - days * 86_400_000).toISOString()
  const soon = new Date(now + 86_400_000).toISOString()
  return [
    line('groups', { id: 7, name: 'Hall Co-op', token: 'x' }),
    line('users', { id: 1, name: 'Ana Souza', username: 'ana' }),
    line('users', { id: 2, name: 'Ben Okafor', username: 'ben' }),
    line('users', { id: 3, name: null, username: 'cai' }),
    line('memberships', { id: 40, group_id: 7, user_id: 1 }),
    // A consent proposal: Ben objected, then consented; Cai's consent was revoked; Ana consented.
    line('polls', { id: 10, title: 'Paint the hall green', details: 'The **old** colour is peeling.', details_format: 'md', poll_type: 'proposal', closing_at: past(3), closed_at: past(3), created_at: past(10), author_id: 1, quorum_pct: 50, voters_count: 4, discarded_at: null, anonymous: false }),
    line('poll_options', { id: 100, poll_id: 10, name: 'poll_consent_options.consent', icon: 'consent', priority: 0 }),
    line('poll_options', { id: 101, poll_id: 10, name: 'poll_consent_options.objection', icon: 'objection', priority: 1 }),
    line('stances', { id: 1000, poll_id: 10, participant_id: 2, reason: 'Green clashes with the floor', reason_format: 'md', cast_at: past(9), latest: false, revoked_at: null }),
    line('stances', { id: 1001, poll_id: 10, participant_id: 2, reason: '<p>Fine, <b>green</b> it is &amp; no more</p>', reason_format: 'html', cast_at: past(8), latest: true, revoked_at: null }),
    line('stances', { id: 1002, poll_id: 10, participant_id: 3, reason: '', cast_at: past(8), latest: true, revoked_at: past(5) }),
    line('stances', { id: 1003, poll_id: 10, participant_id: 1, reason: '', cast_at: past(7), latest: true, revoked_at: null }),
    line('stances', { id: 1004, poll_id: 10, participant_id: 3, reason: '', cast_at: null, latest: true, revoked_at: null }),
    line('stance_choices', { id: 5000, stance_id: 1000, poll_option_id: 101, score: 1 }),
    line('stance_choices', { id: 5001, stance_id: 1001, poll_option_id: 100, score: 1 }),
    line('stance_choices', { id: 5002, stance_id: 1002, poll_option_id: 100, score: 1 }),
    line('stance_choices', { id: 5003, stance_id: 1003, poll_option_id: 100, score: 1 }),
    line('outcomes', { id: 900, poll_id: 10, statement: '<p>Green, from March.</p>', statement_format: 'html', author_id: 1, created_at: past(2), latest: true }),
    // An anonymous consensus proposal with a block.
    line('polls', { id: 11, title: 'Sell the piano', details: '', poll_type: 'proposal', closing_at: past(1), closed_at: null, created_at: past(6), author_id: 2, voters_count: 3, anonymous: true }),
    ...['agree', 'abstain', 'disagree', 'block'].map((icon, i) => line('poll_options', { id: 110 + i, poll_id: 11, name: icon, icon })),
    line('stances', { id: 1100, poll_id: 11, participant_id: 1, reason: 'It is out of tune anyway', cast_at: past(5), latest: true }),
    line('stances', { id: 1101, poll_id: 11, participant_id: 3, reason: 'My grandmother gave it', cast_at: past(4), latest: true }),
    line('stance_choices', { stance_id: 1100, poll_option_id: 110 }),
    line('stance_choices', { stance_id: 1101, poll_option_id: 113 }),
    // A plain proposal (agree / abstain / disagree), HTML details.
    line('polls', { id: 12, title: 'Buy a second ladder', details: '<p>The tall one.</p><ul><li>€120</li><li>from the co-op</li></ul>', details_format: 'html', poll_type: 'proposal', closing_at: past(2), closed_at: past(2), created_at: past(4), author_id: 3, voters_count: 3 }),
    ...['agree', 'abstain', 'disagree'].map((icon, i) => line('poll_options', { id: 120 + i, poll_id: 12, name: `poll_proposal_options.${icon}`, icon })),
    line('stances', { id: 1200, poll_id: 12, participant_id: 1, reason: '', cast_at: past(3), latest: true }),
    line('stance_choices', { stance_id: 1200, poll_option_id: 120 }),
    // Not imported: a dot vote, a proposal still open, a proposal deleted in Loomio.
    line('polls', { id: 13, title: 'Where shall we picnic?', poll_type: 'dot_vote', closed_at: past(1), created_at: past(5), author_id: 1 }),
    line('polls', { id: 14, title: 'Open on Sundays', poll_type: 'proposal', closing_at: soon, closed_at: null, created_at: past(1), author_id: 1 }),
    ...['consent', 'objection'].map((icon, i) => line('poll_options', { id: 140 + i, poll_id: 14, name: icon, icon })),
    line('polls', { id: 15, title: 'Old test', poll_type: 'proposal', closed_at: past(30), created_at: past(31), author_id: 1, discarded_at: past(29) }),
    line('comments', { id: 1, body: 'See you there', user_id: 1 }),
    line('attachments', { id: 1, filename: 'plan.pdf' }),
    '',
  ].join('\n')
}
