/**
 * The resolution controller: per camera, the level and frame stride of every chunk, chosen from lag,
 * arrival rate and the measured cost and quality of each level; and a simulator with a virtual
 * clock that runs the same controller against synthetic load.
 */
package dev.resolute.control;
