/*
 * The Lua script of the online window state. One call applies a chunk of a batch's writes
 * (transactions and labels, in order) atomically on one Redis primary, so an event's dedupe
 * check, its writes to every entity and the read of its windows cannot be interleaved with
 * another's; a batch sends its chunks in one pipeline. The per-entity settings travel once per
 * call, not once per write, and Redis runs one script per chunk instead of one per write.
 *
 * The call first checks the state epoch (`@epoch`, see recover-state/): it runs only when the
 * epoch's id is the one the caller ran against (ARGV[1]; '' while the state is being rebuilt, when
 * no epoch may exist yet) and otherwise writes nothing and answers {3, the id found or ''}. The
 * check sits in the same atomic step as the writes, so a batch can never write to (or read from)
 * state that was lost or rebuilt since the caller last looked: no extra round trip per batch.
 *
 * Layout `w2` (see feature-state.keys.ts and window-record.codec.ts):
 * - an entity's window is one string: an 8-byte header, the newest event time seen (a big-endian
 *   double), then its records in arrival order, each `time, seq, value` (big-endian doubles), the
 *   event id's byte length (big-endian u16) and the id. The script never decodes a value: it
 *   appends the record the client encoded and hands the string back whole, so reading a window
 *   costs Redis one string copy, not one reply element per entry.
 * - fraud labels live apart, in a sorted set per label-holding entity (member the transaction id,
 *   score its time) holding only the transactions labelled fraud; an unknown label counts as not
 *   fraud, so a `0` label only removes a member. The client marks records by id and time.
 * - the dedupe marker of an event holds `time|source`: the source (`topic:partition:offset`) tells
 *   a redelivery from a duplicate, the time tells a label whether it names the transaction seen.
 *
 * Numbers reach Lua as decimal strings of whole seconds; Lua's doubles hold them exactly, `fmt`
 * prints them back exactly, and a time returned as a Lua number arrives as an exact integer.
 */

/** Bytes of a record before its event id: three doubles and the id's length. */
export const RECORD_HEAD_BYTES = 26;
/**
 * Bytes of a window's header: the newest event time (double), the wall-clock second its expiry
 * was last pushed back (double), and a flag byte, 1 once its fraud set may hold members.
 */
export const WINDOW_HEADER_BYTES = 17;
/**
 * A window's expiry is pushed back at most this often (wall-clock seconds). Its TTL is the
 * horizon plus the grace plus a day, so a key touched within the hour lives at least
 * horizon + grace + 23 h past its last record: nothing it holds can be needed by then.
 */
export const EXPIRY_REFRESH_SECONDS = 3_600;

/**
 * KEYS: the epoch, then per write its keys: a transaction's dedupe marker, then per entity its
 * window and its fraud set; a label's transaction's marker, then per entity that holds labels
 * its window and its fraud set.
 *
 * ARGV: expected epoch id, marker TTL, grace, `1` to read the windows back (`0`: a rebuild, which
 * computes no vector, gets them empty), the wall clock (epoch seconds), the number of entities,
 * per entity: horizon, `1` when it holds labels, key TTL, its shortest window delay; then per
 * write `t`, source (`topic:partition:offset`), time, the encoded record; or `l`, transaction id,
 * its time, fraud `0`/`1`.
 *
 * Reply: {3, epoch found} when the epoch is stale (nothing written or read), else {0, replies},
 * one per write, in order:
 *
 * A transaction's: { status, first source, then per entity: its newest time before this event
 * (an integer; nil when empty), its window as it was before this event (header included; '' when empty or not
 * read), the fraud set's members scored in (time − horizon, time − shortest delay], with scores
 * (read only when the header's flag says the set may hold any) }. status 0 = new, 1 = redelivery
 * of the same record (nothing written; the same windows are read again, now holding the event
 * itself), 2 = producer duplicate (another record carried this event id; nothing written or
 * read: {2, first source}). The marker is checked and written in one `SET NX GET` (Redis ≥ 7.0).
 *
 * A record is appended (APPEND; the header rewritten when the time is newer or the expiry is
 * due); the window is rewritten without its leading records at or below newest − horizon − grace
 * only once the first of them is a quarter of a horizon older than that, so a window is copied
 * about once per quarter horizon instead of on every event. The grace matters: without it, a
 * redelivered batch would find entries its earlier events counted already pruned by its later
 * ones, and re-emit different vectors. Records are dropped from the front only, so one that
 * arrived late waits for those before it; it is outside every window by then, and the client
 * filters by time.
 *
 * A label's: { status, then per entity that holds labels its newest time (nil when empty) }.
 * status 1 = applied (the transaction was seen), 2 = pending (not seen yet; kept for it),
 * 4 = unmatched (seen at another time, or past retention). A fraud label adds the transaction to
 * each fraud set (and raises the window's flag), a not-fraud label removes it (idempotent: a
 * redelivered label changes nothing). It is written whether or not the transaction has arrived,
 * as long as the transaction's time is still inside the entity's retention (newer than newest −
 * horizon − grace): a transaction that comes later finds it there. When the marker shows the
 * transaction was seen at another time, or its time is past every retention, nothing is written.
 */
export const WINDOW_SCRIPT = `
local epoch = redis.call('HGET', KEYS[1], 'id') or ''
if epoch ~= ARGV[1] then return {3, epoch} end
local H = ${WINDOW_HEADER_BYTES}
local function fmt(x) return string.format('%.17g', x) end
local function header(window)
  if not window or #window < H then return false, 0, false end
  local newest, refreshed = struct.unpack('>dd', window)
  return newest, refreshed, string.byte(window, H) == 1
end
local function pack(newest, refreshed, frauds)
  return struct.pack('>ddB', newest, refreshed, frauds and 1 or 0)
end
local markerTtl, grace, read = ARGV[2], tonumber(ARGV[3]), ARGV[4] == '1'
local now, entities = tonumber(ARGV[5]), tonumber(ARGV[6])
local horizon, holdsLabels, ttl, delay, labelled = {}, {}, {}, {}, {}
for e = 1, entities do
  local at = 7 + (e - 1) * 4
  horizon[e], holdsLabels[e] = tonumber(ARGV[at]), ARGV[at + 1] == '1'
  ttl[e], delay[e] = ARGV[at + 2], tonumber(ARGV[at + 3])
  if holdsLabels[e] then labelled[#labelled + 1] = e end
end

local function append(key, fraudKey, e, window, time, record)
  local newest, refreshed, frauds = header(window)
  if not newest then
    frauds = holdsLabels[e] and redis.call('EXISTS', fraudKey) == 1
    redis.call('SET', key, pack(time, now, frauds) .. record, 'EX', ttl[e])
    return frauds
  end
  local latest = math.max(time, newest)
  local cutoff = latest - horizon[e] - grace
  if #window > H and struct.unpack('>d', window, H + 1) <= cutoff - horizon[e] / 4 then
    local from, size = H + 1, #window
    while from <= size and struct.unpack('>d', window, from) <= cutoff do
      from = from + ${RECORD_HEAD_BYTES} + struct.unpack('>H', window, from + 24)
    end
    redis.call('SET', key, pack(latest, now, frauds) .. string.sub(window, from) .. record,
      'EX', ttl[e])
    return frauds
  end
  redis.call('APPEND', key, record)
  local refresh = now - refreshed >= ${EXPIRY_REFRESH_SECONDS}
  if time > newest or refresh then
    redis.call('SETRANGE', key, 0, pack(latest, refresh and now or refreshed, frauds))
  end
  if refresh then redis.call('EXPIRE', key, ttl[e]) end
  return frauds
end

local function transaction(k, source, timeText, record)
  local time = tonumber(timeText)
  local seen = redis.call('SET', KEYS[k], timeText .. '|' .. source, 'NX', 'GET', 'EX', markerTtl)
  if seen then
    local first = string.sub(seen, string.find(seen, '|', 1, true) + 1)
    if first ~= source then return {2, first} end
  end
  local reply = {seen and 1 or 0, ''}
  for e = 1, entities do
    local key, fraudKey = KEYS[k + 2 * e - 1], KEYS[k + 2 * e]
    local window = redis.call('GET', key)
    local newest, _, frauds = header(window)
    if not seen then frauds = append(key, fraudKey, e, window, time, record) end
    reply[#reply + 1] = newest
    reply[#reply + 1] = (read and window) or ''
    if read and holdsLabels[e] and frauds then
      reply[#reply + 1] = redis.call('ZRANGEBYSCORE', fraudKey,
        '(' .. fmt(time - horizon[e]), fmt(time - delay[e]), 'WITHSCORES')
    else
      reply[#reply + 1] = {}
    end
  end
  return reply
end

local function label(k, id, timeText, fraud)
  local time = tonumber(timeText)
  local seen = redis.call('GET', KEYS[k])
  local status = 2
  if seen then
    local bar = string.find(seen, '|', 1, true)
    status = (tonumber(string.sub(seen, 1, bar - 1)) == time) and 1 or 4
  end
  local reply = {status}
  local kept = false
  for i, e in ipairs(labelled) do
    local key, set = KEYS[k + 2 * i - 1], KEYS[k + 2 * i]
    local newest, _, frauds = header(redis.call('GETRANGE', key, 0, H - 1))
    reply[#reply + 1] = newest
    local cutoff = newest and (newest - horizon[e] - grace)
    if status ~= 4 and (not newest or time > cutoff) then
      kept = true
      if fraud == '1' then
        redis.call('ZADD', set, timeText, id)
        if newest then redis.call('ZREMRANGEBYSCORE', set, '-inf', fmt(cutoff)) end
        redis.call('EXPIRE', set, ttl[e])
        if newest and not frauds then redis.call('SETRANGE', key, H - 1, '\\1') end
      elseif frauds or not newest then
        redis.call('ZREM', set, id)
      end
    end
  end
  if status == 1 and not kept then reply[1] = 4 end
  return reply
end

local replies = {}
local k, a = 2, 7 + entities * 4
while a <= #ARGV do
  if ARGV[a] == 't' then
    replies[#replies + 1] = transaction(k, ARGV[a + 1], ARGV[a + 2], ARGV[a + 3])
    k = k + 1 + 2 * entities
  else
    replies[#replies + 1] = label(k, ARGV[a + 1], ARGV[a + 2], ARGV[a + 3])
    k = k + 1 + 2 * #labelled
  end
  a = a + 4
end
return {0, replies}
`;
