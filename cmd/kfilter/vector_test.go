//go:build !purego && amd64

package main

// vectorBuild: this build has the AVX2 kernels (they run if the CPU has AVX2).
const vectorBuild = true
