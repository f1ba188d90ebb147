package main

var kubeAPIServer120Versions = VersionSet{"v1", "apps/v1"}
