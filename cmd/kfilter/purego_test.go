//go:build purego || !amd64

package main

// vectorBuild: this build has no vector kernels.
const vectorBuild = false
