-- Argo CD health of a modelship.dev RefreshSchedule, from what the operator writes: status.observedGeneration, the
-- Ready, Suspended and Degraded conditions, and status.lastRun. Argo CD itself reports Missing (no object) and
-- Progressing while the object is being deleted. Argo CD runs this with Lua 5.1 and only the base, table and os
-- libraries: no string functions.
local hs = {}

local function find(conditions, conditionType)
  if conditions == nil then
    return nil
  end
  for _, condition in ipairs(conditions) do
    if condition.type == conditionType then
      return condition
    end
  end
  return nil
end

local function isTrue(condition)
  return condition ~= nil and condition.status == "True"
end

local function text(condition, fallback)
  if condition ~= nil and condition.message ~= nil and condition.message ~= "" then
    return condition.message
  end
  return fallback
end

local status = obj.status
if status == nil then
  hs.status = "Progressing"
  hs.message = "waiting for the controller to report a status"
  return hs
end

-- Until the operator has seen the latest spec, its conditions describe an older one: neither Healthy nor Degraded yet.
local generation = obj.metadata.generation
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "waiting for the controller to observe generation " .. generation
  return hs
end

local ready = find(status.conditions, "Ready")
local degraded = find(status.conditions, "Degraded")
local suspended = find(status.conditions, "Suspended")

-- Bad cron, unknown time zone, no or two sources, a target that does not exist: nothing is scheduled.
if ready ~= nil and ready.reason == "InvalidSpec" then
  hs.status = "Degraded"
  hs.message = text(ready, "InvalidSpec")
  return hs
end

if isTrue(suspended) then
  hs.status = "Suspended"
  hs.message = text(suspended, "spec.suspend is true")
  return hs
end
if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "spec.suspend is true"
  return hs
end

-- The last run failed (LastRunFailed: the source, a Secret or the target could not be used). It stays Degraded until
-- a later run does not fail; a Rejected candidate is the schedule working as asked, not a failure.
if isTrue(degraded) then
  hs.status = "Degraded"
  hs.message = text(degraded, degraded.reason or "the last run failed")
  return hs
end

if isTrue(ready) then
  hs.status = "Healthy"
  local run = status.lastRun
  if run ~= nil and run.result ~= nil then
    local version = ""
    if run.version ~= nil then
      version = " (" .. run.version .. ")"
    end
    hs.message = "last run " .. run.result .. version .. "; " .. text(ready, "scheduled")
  else
    hs.message = "no run yet; " .. text(ready, "scheduled")
  end
  return hs
end

hs.status = "Progressing"
hs.message = text(ready, "waiting for the controller to report conditions")
return hs
