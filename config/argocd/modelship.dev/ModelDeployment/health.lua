-- Argo CD health of a modelship.dev ModelDeployment, from what the operator writes: status.observedGeneration and
-- the Ready, Progressing, Degraded and Suspended conditions. Argo CD itself reports Missing (no object) and
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
local progressing = find(status.conditions, "Progressing")
local degraded = find(status.conditions, "Degraded")
local suspended = find(status.conditions, "Suspended")

-- A spec, or a ServingRuntime it uses, that must be fixed before anything changes.
local mustBeFixed = { InvalidSpec = true, RuntimeNotFound = true, RuntimeUnsuitable = true, RuntimeInvalid = true, RuntimeAmbiguous = true }
if ready ~= nil and mustBeFixed[ready.reason] then
  hs.status = "Degraded"
  hs.message = text(ready, ready.reason)
  return hs
end

if isTrue(suspended) or (obj.spec ~= nil and obj.spec.suspend == true) then
  hs.status = "Suspended"
  hs.message = text(suspended, "spec.suspend is true")
  return hs
end

-- A failed replacement (rolled back, aborted, progress deadline or checks missed): the spec asks for a version
-- that does not serve, so this stays Degraded until spec.model names another version.
if isTrue(degraded) then
  hs.status = "Degraded"
  hs.message = text(degraded, degraded.reason or "degraded")
  return hs
end

-- A rollout under way keeps it Progressing even though the champion is Ready: the spec's version is not live yet.
if isTrue(progressing) then
  hs.status = "Progressing"
  hs.message = text(progressing, "a rollout is in progress")
  return hs
end

if isTrue(ready) then
  hs.status = "Healthy"
  hs.message = text(ready, "ready")
  return hs
end

hs.status = "Progressing"
if ready ~= nil then
  hs.message = text(ready, "not ready yet")
elseif status.phase ~= nil then
  hs.message = "phase " .. status.phase
else
  hs.message = "waiting for the controller to report conditions"
end
return hs
