/*
 * The two Lua scripts of the online window state. Each runs atomically on one Redis primary, so
 * an event's dedupe check, its writes to every entity and the read of its windows cannot be
 * interleaved with another event's; a batch sends one script call per event in one pipeline.
 *
 * Every script first checks the state epoch (`@epoch`, see recover-state/): it runs only when the
 * epoch's id is the one the caller ran against (ARGV[1]; '' while the state is being rebuilt, when
 * no epoch may exist yet) and otherwise writes nothing and answers {3, the id found or ''}. The
 * check sits in the same atomic step as the writes, so a batch can never write to (or read from)
 * state that was lost or rebuilt since the caller last looked: no extra round trip per batch.
 *
 * Members are `encodeEntry` strings, `time:seq:value:fraud:eventId`. The first three fields are
 * numbers (never a `:`), so the pattern below finds the fraud field however the event id is
 * spelled. Numbers reach Lua as decimal strings of whole seconds; Lua's doubles hold them exactly.
 */

const WITH_FRAUD = `
local function split(member)
  return string.match(member, '^([^:]*:[^:]*:[^:]*:)([01%-])(:.*)$')
end
`;

/** Status 3 = stale epoch. Callers' layout: KEYS[1] the epoch hash, ARGV[1] the expected id. */
const EPOCH_CHECK = `
local epoch = redis.call('HGET', KEYS[1], 'id') or ''
if epoch ~= ARGV[1] then return {3, epoch} end
`;

/**
 * One transaction. KEYS: the epoch, the dedupe marker, the pending-label key, then one window
 * set per entity. ARGV: expected epoch id, source (`topic:partition:offset`), marker TTL, time,
 * member (fraud `-`), grace, `1` to read the windows back (`0`: a rebuild, which computes no
 * vector, gets empty member lists), then per entity: horizon, `1` when it holds labels, key TTL,
 * its shortest window delay.
 *
 * Reply: { status, first source, then per entity: its newest score before this event ('' when
 * empty), its members scored in (time − horizon, time − shortest delay], the union of its
 * windows }. status 0 = new, 1 = redelivery of the same record (nothing written; the same
 * windows are read again), 2 = producer duplicate (another record carried this event id;
 * nothing written or read), 3 = stale epoch (nothing written or read; the id found).
 *
 * Pruning keeps a grace beyond the horizon: entries at or below newest − horizon − grace go.
 * Without it, a redelivered batch would find entries its earlier events counted already pruned
 * by its later ones, and re-emit different vectors.
 */
export const TRANSACTION_SCRIPT = `${WITH_FRAUD}${EPOCH_CHECK}
local source, time, member = ARGV[2], tonumber(ARGV[4]), ARGV[5]
local grace, read = tonumber(ARGV[6]), ARGV[7] == '1'
local seen = redis.call('GET', KEYS[2])
if seen and seen ~= source then
  return {2, seen}
end
local label = false
if not seen then
  redis.call('SET', KEYS[2], source, 'EX', ARGV[3])
  label = redis.call('GET', KEYS[3])
  if label then redis.call('DEL', KEYS[3]) end
end
local reply = {seen and 1 or 0, ''}
for i = 4, #KEYS do
  local key = KEYS[i]
  local at = 8 + (i - 4) * 4
  local horizon = tonumber(ARGV[at])
  local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')[2] or ''
  if not seen then
    local entry = member
    if label and ARGV[at + 1] == '1' then
      local head, _, tail = split(member)
      entry = head .. label .. tail
    end
    redis.call('ZADD', key, ARGV[4], entry)
    local latest = time
    if newest ~= '' and tonumber(newest) > latest then latest = tonumber(newest) end
    redis.call('ZREMRANGEBYSCORE', key, '-inf', latest - horizon - grace)
    redis.call('EXPIRE', key, ARGV[at + 2])
  end
  reply[#reply + 1] = newest
  if read then
    local upto = time - tonumber(ARGV[at + 3])
    reply[#reply + 1] = redis.call('ZRANGEBYSCORE', key, '(' .. (time - horizon), upto)
  else
    reply[#reply + 1] = {}
  end
end
return reply
`;

/**
 * One label. KEYS: the epoch, the labelled transaction's dedupe marker, its pending-label key,
 * then the window sets that hold labels. ARGV: expected epoch id, transaction id, its time
 * (score), fraud `0`/`1`, pending TTL.
 *
 * Rewrites the fraud field of the transaction's member in each set (idempotent: a redelivered
 * label finds it already set). If no set holds it and the transaction was never seen, the label
 * waits in the pending key for the transaction script; if it was seen, its entries have been
 * pruned (or the label's transaction time is wrong) and the label has nothing left to change.
 *
 * Reply: { status, then per set its newest score ('' when empty) }. status 1 = applied,
 * 2 = pending, 4 = unmatched; 3 = stale epoch, as above.
 */
export const LABEL_SCRIPT = `${WITH_FRAUD}${EPOCH_CHECK}
local id, score, fraud = ARGV[2], ARGV[3], ARGV[4]
local found = false
local reply = {0}
for i = 4, #KEYS do
  local key = KEYS[i]
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', key, score, score)) do
    local head, mark, tail = split(member)
    if tail == ':' .. id then
      found = true
      if mark ~= fraud then
        redis.call('ZREM', key, member)
        redis.call('ZADD', key, score, head .. fraud .. tail)
      end
    end
  end
  reply[#reply + 1] = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')[2] or ''
end
if found then
  reply[1] = 1
elseif redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('SET', KEYS[3], fraud, 'EX', ARGV[5])
  reply[1] = 2
else
  reply[1] = 4
end
return reply
`;
