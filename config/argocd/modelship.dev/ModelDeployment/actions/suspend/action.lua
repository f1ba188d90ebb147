-- Stops serving without deleting anything: the operator scales the model servers and the router to zero.
-- With automated sync and selfHeal, Argo CD sets spec.suspend back to what Git says (see config/argocd/README.md).
obj.spec.suspend = true
return obj
