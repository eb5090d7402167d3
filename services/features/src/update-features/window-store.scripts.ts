/*
 * The two Lua scripts of the online window state. Each runs atomically on one Redis primary, so
 * an event's dedupe check, its writes to every entity and the read of its windows cannot be
 * interleaved with another event's; a batch sends one script call per event in one pipeline.
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

/**
 * One transaction. KEYS: the dedupe marker, the pending-label key, then one window set per
 * entity. ARGV: source (`topic:partition:offset`), marker TTL, time, member (fraud `-`), grace,
 * then per entity: horizon, `1` when it holds labels, key TTL, its shortest window delay.
 *
 * Reply: { status, first source, then per entity: its newest score before this event ('' when
 * empty), its members scored in (time − horizon, time − shortest delay], the union of its
 * windows }. status 0 = new, 1 = redelivery of the same record (nothing written; the same
 * windows are read again), 2 = producer duplicate (another record carried this event id;
 * nothing written or read).
 *
 * Pruning keeps a grace beyond the horizon: entries at or below newest − horizon − grace go.
 * Without it, a redelivered batch would find entries its earlier events counted already pruned
 * by its later ones, and re-emit different vectors.
 */
export const TRANSACTION_SCRIPT = `${WITH_FRAUD}
local source, time, member = ARGV[1], tonumber(ARGV[3]), ARGV[4]
local grace = tonumber(ARGV[5])
local seen = redis.call('GET', KEYS[1])
if seen and seen ~= source then
  return {2, seen}
end
local label = false
if not seen then
  redis.call('SET', KEYS[1], source, 'EX', ARGV[2])
  label = redis.call('GET', KEYS[2])
  if label then redis.call('DEL', KEYS[2]) end
end
local reply = {seen and 1 or 0, ''}
for i = 3, #KEYS do
  local key = KEYS[i]
  local at = 6 + (i - 3) * 4
  local horizon = tonumber(ARGV[at])
  local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')[2] or ''
  if not seen then
    local entry = member
    if label and ARGV[at + 1] == '1' then
      local head, _, tail = split(member)
      entry = head .. label .. tail
    end
    redis.call('ZADD', key, ARGV[3], entry)
    local latest = time
    if newest ~= '' and tonumber(newest) > latest then latest = tonumber(newest) end
    redis.call('ZREMRANGEBYSCORE', key, '-inf', latest - horizon - grace)
    redis.call('EXPIRE', key, ARGV[at + 2])
  end
  reply[#reply + 1] = newest
  local upto = time - tonumber(ARGV[at + 3])
  reply[#reply + 1] = redis.call('ZRANGEBYSCORE', key, '(' .. (time - horizon), upto)
end
return reply
`;

/**
 * One label. KEYS: the labelled transaction's dedupe marker, its pending-label key, then the
 * window sets that hold labels. ARGV: transaction id, its time (score), fraud `0`/`1`, pending TTL.
 *
 * Rewrites the fraud field of the transaction's member in each set (idempotent: a redelivered
 * label finds it already set). If no set holds it and the transaction was never seen, the label
 * waits in the pending key for the transaction script; if it was seen, its entries have been
 * pruned (or the label's transaction time is wrong) and the label has nothing left to change.
 *
 * Reply: { status, then per set its newest score ('' when empty) }. status 1 = applied,
 * 2 = pending, 3 = unmatched.
 */
export const LABEL_SCRIPT = `${WITH_FRAUD}
local id, score, fraud = ARGV[1], ARGV[2], ARGV[3]
local found = false
local reply = {0}
for i = 3, #KEYS do
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
elseif redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SET', KEYS[2], fraud, 'EX', ARGV[4])
  reply[1] = 2
else
  reply[1] = 3
end
return reply
`;
