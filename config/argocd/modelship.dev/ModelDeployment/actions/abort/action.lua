-- Asks the operator to abort the rollout in progress: annotation modelship.dev/abort names the pending version, so
-- the request cannot act on a later rollout. The operator puts all traffic back on the active model, records the
-- attempt as Failed (not retried until spec.model names another version) and removes the annotation.
if obj.status == nil or obj.status.pendingModel == nil or obj.status.pendingModel.version == nil then
  error("no rollout in progress: status.pendingModel is empty")
end
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["modelship.dev/abort"] = obj.status.pendingModel.version
return obj
