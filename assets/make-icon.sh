#!/bin/sh
# Draws the window icon (assets/icon.png, 128×128) with ImageMagick: a blue tile, a white
# envelope and a green check mark. Run it again after changing the drawing.
set -eu
cd "$(dirname "$0")"
convert -size 128x128 xc:none \
  -fill '#1f5fae' -draw 'roundrectangle 4,4 123,123 22,22' \
  -fill white -stroke '#1f5fae' -strokewidth 3 -draw 'rectangle 20,34 100,90' \
  -fill none -stroke '#1f5fae' -strokewidth 5 -draw 'polyline 22,37 60,68 98,37' \
  -fill '#2e9e4f' -stroke white -strokewidth 4 -draw 'circle 92,92 92,116' \
  -fill none -stroke white -strokewidth 7 -draw 'polyline 80,92 89,102 105,83' \
  -strip PNG32:icon.png
echo "wrote $(pwd)/icon.png"
# The Windows executable's icon (embedded by build.rs): the same drawing at the sizes Explorer
# and the taskbar ask for.
convert icon.png -define icon:auto-resize=128,64,48,32,16 icon.ico
echo "wrote $(pwd)/icon.ico"
