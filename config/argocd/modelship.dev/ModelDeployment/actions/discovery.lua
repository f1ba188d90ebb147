-- The actions Argo CD offers on a ModelDeployment. suspend/resume flip spec.suspend; abort and promote ask the
-- operator (annotations modelship.dev/abort and modelship.dev/promote set to the pending version) and make sense
-- only while a rollout is in progress and the ModelDeployment is not suspended.
local actions = {}

local annotations = obj.metadata.annotations
if annotations == nil then
  annotations = {}
end
local suspended = obj.spec ~= nil and obj.spec.suspend == true

local pending = nil
if obj.status ~= nil and obj.status.pendingModel ~= nil then
  pending = obj.status.pendingModel.version
end

-- Once the table routes all traffic to the new version it is the champion: too late to abort, nothing to promote.
local takesAllTraffic = false
if pending ~= nil and obj.status.traffic ~= nil then
  for _, backend in ipairs(obj.status.traffic) do
    if backend.version == pending and backend.role == "champion" then
      takesAllTraffic = true
    end
  end
end

local rolling = pending ~= nil and not suspended and not takesAllTraffic
local abortRequested = pending ~= nil and annotations["modelship.dev/abort"] == pending
local promoteRequested = pending ~= nil and annotations["modelship.dev/promote"] == pending

actions["suspend"] = { ["disabled"] = suspended, ["iconClass"] = "fa fa-fw fa-pause-circle" }
actions["resume"] = { ["disabled"] = not suspended, ["iconClass"] = "fa fa-fw fa-play-circle" }
actions["abort"] = { ["disabled"] = not rolling or abortRequested, ["iconClass"] = "fa fa-fw fa-times-circle", ["displayName"] = "Abort rollout" }
actions["promote"] = { ["disabled"] = not rolling or abortRequested or promoteRequested, ["iconClass"] = "fa fa-fw fa-forward", ["displayName"] = "Promote rollout" }
return actions
