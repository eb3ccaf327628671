using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PlanningForecasts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PlanningBacktests",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Horizon = table.Column<int>(type: "integer", nullable: false),
                    Method = table.Column<int>(type: "integer", nullable: false),
                    Mape = table.Column<double>(type: "double precision", nullable: false),
                    Windows = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanningBacktests", x => new { x.Key, x.Horizon, x.Method });
                });

            migrationBuilder.CreateTable(
                name: "PlanningForecasts",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Depth = table.Column<int>(type: "integer", nullable: false),
                    Region = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Level = table.Column<int>(type: "integer", nullable: true),
                    CustomerType = table.Column<int>(type: "integer", nullable: true),
                    Accounts = table.Column<int>(type: "integer", nullable: false),
                    AnnualKwh = table.Column<double>(type: "double precision", nullable: false),
                    FirstTargetMonth = table.Column<DateOnly>(type: "date", nullable: false),
                    Next1Kwh = table.Column<double>(type: "double precision", nullable: false),
                    Next1LowKwh = table.Column<double>(type: "double precision", nullable: false),
                    Next1HighKwh = table.Column<double>(type: "double precision", nullable: false),
                    Next3Kwh = table.Column<double>(type: "double precision", nullable: false),
                    Next3LowKwh = table.Column<double>(type: "double precision", nullable: false),
                    Next3HighKwh = table.Column<double>(type: "double precision", nullable: false),
                    Next1PeakKw = table.Column<double>(type: "double precision", nullable: false),
                    Next1PeakLowKw = table.Column<double>(type: "double precision", nullable: false),
                    Next1PeakHighKw = table.Column<double>(type: "double precision", nullable: false),
                    Next3PeakKw = table.Column<double>(type: "double precision", nullable: false),
                    Next3PeakLowKw = table.Column<double>(type: "double precision", nullable: false),
                    Next3PeakHighKw = table.Column<double>(type: "double precision", nullable: false),
                    PeakHour = table.Column<int>(type: "integer", nullable: false),
                    BacktestWindows = table.Column<int>(type: "integer", nullable: false),
                    BandFromBacktest = table.Column<bool>(type: "boolean", nullable: false),
                    SegmentMix = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanningForecasts", x => x.Key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlanningBacktests");

            migrationBuilder.DropTable(
                name: "PlanningForecasts");
        }
    }
}
