{{/*
Hand-written from config/rbac/role.yaml until `modelship manifests` generates this file from the [RbacRule]
attributes. Each template is a YAML list of PolicyRules without leading indentation.
*/}}

{{/* What the operator needs in each watched namespace (a Role there) or everywhere (a ClusterRole). */}}
{{- define "modelship.rbac.operatorRules" -}}
- apiGroups:
  - ""
  resources:
  - configmaps
  - serviceaccounts
  - services
  verbs:
  - create
  - delete
  - get
  - list
  - patch
  - update
  - watch
- apiGroups:
  - ""
  resources:
  - events
  verbs:
  - create
  - patch
  - update
- apiGroups:
  - ""
  resources:
  - pods
  verbs:
  - get
  - list
  - watch
- apiGroups:
  - apps
  resources:
  - deployments
  verbs:
  - create
  - delete
  - get
  - list
  - patch
  - update
  - watch
- apiGroups:
  - events.k8s.io
  resources:
  - events
  verbs:
  - create
  - patch
  - update
- apiGroups:
  - modelship.dev
  resources:
  - modeldeployments
  verbs:
  - get
  - list
  - watch
- apiGroups:
  - modelship.dev
  resources:
  - modeldeployments/finalizers
  verbs:
  - update
- apiGroups:
  - modelship.dev
  resources:
  - modeldeployments/status
  verbs:
  - get
  - patch
  - update
- apiGroups:
  - rbac.authorization.k8s.io
  resourceNames:
  - {{ include "modelship.routerClusterRoleName" . }}
  resources:
  - clusterroles
  verbs:
  - bind
- apiGroups:
  - rbac.authorization.k8s.io
  resources:
  - rolebindings
  verbs:
  - create
  - delete
  - get
  - list
  - patch
  - update
  - watch
{{- end }}

{{/* Leader election in the operator's own namespace: the Lease, and Events about it. */}}
{{- define "modelship.rbac.leaderElectionRules" -}}
- apiGroups:
  - coordination.k8s.io
  resources:
  - leases
  verbs:
  - create
  - get
  - update
- apiGroups:
  - ""
  resources:
  - events
  verbs:
  - create
  - patch
- apiGroups:
  - events.k8s.io
  resources:
  - events
  verbs:
  - create
  - patch
{{- end }}

{{/* What each router pod needs; bound per ModelDeployment by the operator (a RoleBinding to the router ClusterRole). */}}
{{- define "modelship.rbac.routerRules" -}}
- apiGroups:
  - ""
  resources:
  - configmaps
  verbs:
  - get
  - list
  - watch
- apiGroups:
  - ""
  resources:
  - pods
  verbs:
  - get
  - patch
{{- end }}
