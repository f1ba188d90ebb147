{{/* The chart name, or nameOverride. */}}
{{- define "modelship.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The base of every object name: fullnameOverride, else the release name when it already contains the chart name
("modelship" for `helm install modelship`), else <release>-<chart>.
*/}}
{{- define "modelship.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* chart-version, for the helm.sh/chart label. */}}
{{- define "modelship.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the operator's pods: stable across upgrades (a Deployment's selector is immutable). */}}
{{- define "modelship.selectorLabels" -}}
app.kubernetes.io/name: {{ include "modelship.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{/* Labels of every object; `modelship.componentLabels` sets another component. */}}
{{- define "modelship.labels" -}}
{{- include "modelship.componentLabels" (dict "context" . "component" "operator") }}
{{- end }}

{{/* Labels for (dict "context" $ "component" "router"). */}}
{{- define "modelship.componentLabels" -}}
{{- $ := .context -}}
helm.sh/chart: {{ include "modelship.chart" $ }}
app.kubernetes.io/name: {{ include "modelship.name" $ }}
app.kubernetes.io/instance: {{ $.Release.Name }}
app.kubernetes.io/version: {{ $.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $.Release.Service }}
app.kubernetes.io/part-of: modelship
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The operator's ServiceAccount: the one the chart creates, or an existing one (serviceAccount.create: false). */}}
{{- define "modelship.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "modelship.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false: the name of an existing ServiceAccount" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The ClusterRole bound to each router's ServiceAccount (by a RoleBinding the operator creates per ModelDeployment);
the operator gets it as --router-cluster-role and may `bind` only this role.
*/}}
{{- define "modelship.routerClusterRoleName" -}}
{{- printf "%s-router" (include "modelship.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The operator's rules live in a ClusterRole (all namespaces) or in a Role per watched namespace, of this name. */}}
{{- define "modelship.operatorRoleName" -}}
{{- printf "%s-operator" (include "modelship.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The one image of every role (operator, router, runtime, fetch): repository@digest, else repository:tag. */}}
{{- define "modelship.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}
