-- Argo CD health of a modelship.dev Pipeline, from what the operator writes: status.observedGeneration and the
-- Ready, Progressing and Degraded conditions. Argo CD itself reports Missing (no object) and Progressing while the
-- object is being deleted. Argo CD runs this with Lua 5.1 and only the base, table and os libraries: no string
-- functions.
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

-- The message names the step at fault; the routers keep serving the last valid spec's table.
if ready ~= nil and ready.reason == "InvalidSpec" then
  hs.status = "Degraded"
  hs.message = text(ready, "InvalidSpec")
  return hs
end

-- A model the routing table sends requests to cannot answer (a referenced ModelDeployment or a model server is not
-- ready), or the routers' ClusterRole is missing.
if isTrue(degraded) then
  hs.status = "Degraded"
  hs.message = text(degraded, degraded.reason or "degraded")
  return hs
end

-- Models being deployed, or a new routing table not yet served by every router: the spec is not live yet, even
-- when the previous table still answers (Ready=True).
if isTrue(progressing) then
  hs.status = "Progressing"
  hs.message = text(progressing, "the pipeline is being updated")
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
