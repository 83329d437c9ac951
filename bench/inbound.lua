-- wrk script: every request is a new inbound message with a unique provider id; 20,000 customers, so most
-- messages continue a conversation, as in a real inbox. Each wrk thread seeds its own ids.
local counter = 0
local prefix = 0
local token = os.getenv("BAKEN_BENCH_TOKEN")

function init(args)
  prefix = tonumber(tostring({}):match("0x(%x+)"), 16) % 1000000007
  math.randomseed(prefix)
end

function request()
  counter = counter + 1
  local customer = math.random(0, 19999)
  local channel = (counter % 3 == 0) and "webchat" or "email"
  local body = string.format('{"channel":"%s","providerMessageId":"b%d-%d","sender":{"email":"klant%d@example.nl"},'
    .. '"text":"Waar blijft mijn bestelling %d?","sentAt":"2026-11-23T09:00:00Z"}', channel, prefix, counter, customer, counter)
  return wrk.format("POST", "/api/v1/inbound",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
