-- Serves again: the operator scales the model servers and the router back up; a paused rollout goes on.
obj.spec.suspend = false
return obj
