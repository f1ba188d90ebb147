-- Asks the operator to promote the rollout in progress: annotation modelship.dev/promote names the pending version.
-- The operator skips the remaining canary steps, pauses and analysis and routes all traffic to it (once it is
-- Available and passed the replacement checks), then drains and deletes the old version and removes the annotation.
if obj.status == nil or obj.status.pendingModel == nil or obj.status.pendingModel.version == nil then
  error("no rollout in progress: status.pendingModel is empty")
end
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["modelship.dev/promote"] = obj.status.pendingModel.version
return obj
