/**
 * The resolution controller: per camera, the level and frame stride of every chunk, chosen from lag,
 * arrival rate and the measured cost and quality of each level. The workbench's simulator drives
 * the same loop on a virtual clock.
 */
package dev.resolute.control;
