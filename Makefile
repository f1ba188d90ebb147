# Modelship. `make help` lists the targets.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
DOTNET ?= dotnet
CONFIG ?= Release
CACHE ?= $(HOME)/.cache/modelship
export MODELSHIP_CACHE := $(CACHE)
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
CLI := src/Modelship.Cli/bin/$(CONFIG)/net10.0/modelship

.DEFAULT_GOAL := help

##@ General
.PHONY: help
help: ## Show this help.
	@awk 'BEGIN {FS = ":.*##"} /^[a-zA-Z_-]+:.*?##/ { printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2 } /^##@/ { printf "\n\033[1m%s\033[0m\n", substr($$0, 5) }' $(MAKEFILE_LIST)

##@ Development
.PHONY: build
build: ## Build the solution.
	$(DOTNET) build Operator.sln -c $(CONFIG) -nologo -clp:ErrorsOnly

.PHONY: fmt
fmt: ## Format the code (dotnet format).
	$(DOTNET) format Operator.sln

.PHONY: lint
lint: ## Check formatting and analyzers without changing files.
	$(DOTNET) format Operator.sln --verify-no-changes

.PHONY: deps
deps: ## Install test prerequisites (etcd, kube-apiserver built from Debian's source, cached in $(CACHE)).
	mkdir -p $(CACHE)
	hack/install-test-deps.sh > $(CACHE)/test.env.tmp
	mv $(CACHE)/test.env.tmp $(CACHE)/test.env

.PHONY: test
test: deps build verify ## Install prerequisites, build, check generated files and formatting, and run every test (unit and integration, real kube-apiserver).
	set -a; source $(CACHE)/test.env; set +a; \
	hack/run-tests.sh $(DOTNET) test Operator.sln -c $(CONFIG) --no-build -nologo -m:1

.PHONY: verify
verify: manifests-check lint ## Check generated files and formatting.

.PHONY: publish-aot
publish-aot: ## Publish modelship as a Native AOT executable for linux-x64 into artifacts/aot/ (how the operator ships).
	hack/publish-aot.sh artifacts/aot

##@ Running
.PHONY: run
run: build examples ## Run the examples/ ModelDeployment locally on 127.0.0.1 (no cluster needed).
	$(CLI) run -f examples/iris/modeldeployment.yaml

.PHONY: examples
examples: ## Generate the example ONNX models (numpy-trained iris classifiers) into examples/iris/models/.
	hack/apt-install.sh python3-onnx python3-numpy
	/usr/bin/python3 examples/iris/generate_models.py examples/iris/models

.PHONY: run-pipeline
run-pipeline: build ## Run the examples/pipeline Pipeline (key split, shadow deploy, validation) locally on 127.0.0.1.
	hack/apt-install.sh python3-onnx python3-numpy
	/usr/bin/python3 examples/pipeline/generate_models.py examples/pipeline/models
	$(CLI) run -f examples/pipeline/pipeline.yaml

.PHONY: run-refresh
run-refresh: build examples ## Run examples/refresh (ModelDeployment + RefreshSchedule over examples/refresh/versions/) locally; drop iris-v2 in to roll it out.
	mkdir -p examples/refresh/versions
	cp examples/refresh/metadata/iris-v1.onnx.metadata.json examples/refresh/versions/
	cp examples/iris/models/iris-v1.onnx examples/refresh/versions/
	$(CLI) run -f examples/refresh/refresh.yaml

.PHONY: manifests
manifests: build ## Generate the CRDs (crds/, config/crd/bases/, the chart), RBAC from [RbacRule] (config/rbac/, the chart), the Argo CD argocd-cm patch and the monitoring copies.
	$(CLI) manifests --output crds --output config/crd/bases
	hack/argocd-customizations.sh
	hack/sync-monitoring-files.sh

.PHONY: manifests-check
manifests-check: build ## Fail when a generated file (CRDs, RBAC, Argo CD customizations, monitoring copies) differs from what its generator produces.
	$(CLI) manifests --output crds --output config/crd/bases --check
	hack/argocd-customizations.sh --check
	hack/sync-monitoring-files.sh --check

##@ Deployment
.PHONY: deploy
deploy: ## Install Modelship into the current kubectl context with kustomize (config/default: namespace modelship-system).
	kubectl apply --server-side -k config/default

.PHONY: undeploy
undeploy: ## Remove what `make deploy` installed (CRDs too: every ModelDeployment goes with them).
	kubectl delete --ignore-not-found -k config/default

##@ Image
IMAGE ?= localhost/modelship
VERSION := $(shell sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)

.PHONY: image
image: examples ## Build the image from the Dockerfile with podman (local Debian base images; docs/image.md) and test it.
	IMAGE=$(IMAGE) hack/image.sh
	hack/test-image.sh $(IMAGE):$(VERSION)

.PHONY: image-archive
image-archive: image ## Write the image as an OCI archive to artifacts/modelship-<version>.oci.tar (for ctr images import).
	hack/image-archive.sh $(IMAGE):$(VERSION) artifacts/modelship-$(VERSION).oci.tar

##@ Benchmarks
.PHONY: bench
bench: build ## Data-plane benchmark (runtime, router, nginx) on 127.0.0.1; writes docs/benchmarks.md.
	benchmarks/data-plane.sh

.PHONY: bench-operator
bench-operator: deps build ## Operator benchmark against a real kube-apiserver; writes docs/benchmarks.md.
	set -a; source $(CACHE)/test.env; set +a; benchmarks/operator.sh && benchmarks/modeldeployments.sh

##@ Cluster
.PHONY: cluster-up
cluster-up: ## Start a single-node Kubernetes v1.20.2 on this machine from Debian packages (root; docs/cluster.md).
	hack/cluster.sh up

.PHONY: cluster-down
cluster-down: ## Stop that cluster and put the host back as it was before cluster-up.
	hack/cluster.sh down

.PHONY: cluster-status
cluster-status: ## Say whether that cluster is healthy (exit status 0) or not.
	hack/cluster.sh status

.PHONY: e2e-setup
e2e-setup: image-archive ## Bring that cluster up (unless healthy), import our image, install Modelship with the chart; writes $(CACHE)/e2e.env.
	hack/e2e.sh $(IMAGE):$(VERSION) artifacts/modelship-$(VERSION).oci.tar > $(CACHE)/e2e.env.tmp
	mv $(CACHE)/e2e.env.tmp $(CACHE)/e2e.env

.PHONY: e2e
e2e: e2e-setup ## Modelship end to end in that cluster: tests/Modelship.ClusterTests (docs/cluster.md).
	$(DOTNET) build tests/Modelship.ClusterTests/Modelship.ClusterTests.csproj -c $(CONFIG) -nologo -clp:ErrorsOnly
	set -a; source $(CACHE)/e2e.env; set +a; \
	hack/run-tests.sh $(DOTNET) test tests/Modelship.ClusterTests/Modelship.ClusterTests.csproj -c $(CONFIG) --no-build -nologo --logger "console;verbosity=detailed"
